/// Rewrites the store's SQL, written for SQLite, into what PostgreSQL runs. The store writes the
/// SQL both understand wherever one spelling serves (`ON CONFLICT DO NOTHING`, `RETURNING`,
/// `COALESCE`); what is left differs in spelling only, and is rewritten here, once per statement
/// text (the session caches the result):
///
/// - `?` parameters become `$1`, `$2`, … in order, and `?3` becomes `$3`;
/// - `INDEXED BY name` is dropped (PostgreSQL's planner picks its indexes);
/// - `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case; the searches rely on it);
/// - `IS ?` and `IS NOT ?` become `IS NOT DISTINCT FROM` and `IS DISTINCT FROM`.
///
/// Quoted strings and identifiers are copied as they are.
enum PostgresDialect {
    static func translate(_ sql: String) -> String {
        let input = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 16)
        var highestParameter = 0
        // The last two words copied and where each starts in `output`: cleared by anything but spaces.
        var recent: [(word: String, start: Int)] = []
        var skipNextWord = false
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                let end = endOfQuoted(input, from: index)
                output += input[index..<end]
                index = end
                recent.removeAll()
                continue
            }
            if byte == UInt8(ascii: "?") {
                // `?NNN` names its parameter, as `$NNN` does; a bare `?` is the one after the
                // largest so far (SQLite's rule).
                var digitsEnd = index + 1
                while digitsEnd < input.count, input[digitsEnd] >= 0x30, input[digitsEnd] <= 0x39 { digitsEnd += 1 }
                let number = digitsEnd > index + 1 ? Int(String(decoding: input[(index + 1)..<digitsEnd], as: UTF8.self)) : nil
                let current = number ?? (highestParameter + 1)
                highestParameter = max(highestParameter, current)
                let words = recent.map(\.word)
                if words.last == "IS" {
                    output.removeSubrange(recent.last!.start...)
                    output += Array("IS NOT DISTINCT FROM ".utf8)
                } else if words.count == 2, words == ["IS", "NOT"] {
                    output.removeSubrange(recent[0].start...)
                    output += Array("IS DISTINCT FROM ".utf8)
                }
                output += Array("$\(current)".utf8)
                index = digitsEnd
                recent.removeAll()
                continue
            }
            if isWordByte(byte) {
                var end = index
                while end < input.count, isWordByte(input[end]) { end += 1 }
                let word = String(decoding: input[index..<end], as: UTF8.self)
                let upper = word.uppercased()
                index = end
                if skipNextWord {
                    skipNextWord = false
                    dropTrailingSpaces(&output)
                    continue
                }
                if upper == "BY", recent.last?.word == "INDEXED" {
                    output.removeSubrange(recent.last!.start...)
                    dropTrailingSpaces(&output)
                    skipNextWord = true
                    recent.removeAll()
                    continue
                }
                let start = output.count
                switch upper {
                case "LIKE": output += Array("ILIKE".utf8)
                default: output += Array(word.utf8)
                }
                recent.append((upper, start))
                if recent.count > 2 { recent.removeFirst() }
                continue
            }
            if !isSpace(byte) { recent.removeAll() }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The offset just past the closing quote (a doubled quote inside is part of the text).
    private static func endOfQuoted(_ input: [UInt8], from start: Int) -> Int {
        let quote = input[start]
        var index = start + 1
        while index < input.count {
            if input[index] == quote {
                if index + 1 < input.count, input[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return input.count
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private static func dropTrailingSpaces(_ output: inout [UInt8]) {
        while let last = output.last, isSpace(last) { output.removeLast() }
    }
}
