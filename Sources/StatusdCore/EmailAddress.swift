/// The practical e-mail address rule statusd applies to subscribers, the same for the API and for
/// fixtures. An address is ASCII, at most 254 characters (RFC 5321 §4.5.3.1.3's path limit less
/// the brackets), with exactly one `@`:
/// - the local part: 1 to 64 characters (RFC 5321 §4.5.3.1.1) of letters, digits, ``!#$%&'*+-/=?^_`{|}~``
///   (RFC 5322 atext) and dots, a dot neither first, last nor doubled (a dot-atom, no quoted strings);
/// - the domain: two or more labels separated by dots, each 1 to 63 letters, digits or hyphens,
///   not starting or ending with a hyphen (RFC 1035 §2.3.1); IDNs in their `xn--` form, the only
///   label with `--` in its third and fourth characters (RFC 5890 §2.3.1 reserves the others).
/// So no spaces, control characters, comments or address literals. Two addresses that differ only
/// in ASCII letter case, anywhere, are the same subscriber (the store's NOCASE unique index).
public enum EmailAddress {
    public static let maximumLength = 254
    public static let maximumLocalPartLength = 64

    /// Why `text` is not an address under the rule, as a phrase to follow the field's name
    /// (`must contain exactly one @`); nil when it is one.
    public static func problem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return "must be at most \(maximumLength) characters long" }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return "must be a plain ASCII address without spaces or control characters"
        }
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "must contain exactly one @" }
        return localPartProblem(Array(parts[0])) ?? domainProblem(Array(parts[1]))
    }

    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    private static func localPartProblem(_ local: [UInt8]) -> String? {
        guard (1...maximumLocalPartLength).contains(local.count) else {
            return "must have 1 to \(maximumLocalPartLength) characters before the @"
        }
        let dot = UInt8(ascii: ".")
        let allowed = local.allSatisfy { isLetterOrDigit($0) || atextSymbols.contains($0) || $0 == dot }
        let dotsPlaced = local.first != dot && local.last != dot
            && !zip(local, local.dropFirst()).contains { $0 == dot && $1 == dot }
        guard allowed && dotsPlaced else {
            return "may have before the @ only letters, digits, dots (not first, last or two in a row) and !#$%&'*+-/=?^_`{|}~"
        }
        return nil
    }

    private static func domainProblem(_ domain: [UInt8]) -> String? {
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "must have a domain with a dot after the @, like example.com" }
        let hyphen = UInt8(ascii: "-")
        for label in labels {
            guard (1...63).contains(label.count), label.allSatisfy({ isLetterOrDigit($0) || $0 == hyphen }),
                  label.first != hyphen, label.last != hyphen
            else {
                return "must have a domain of labels of 1 to 63 letters, digits or hyphens (not first or last) separated by dots"
            }
            if label.count >= 4, label[label.startIndex + 2] == hyphen, label[label.startIndex + 3] == hyphen,
               !isACEPrefixed(label) {
                return "must not have a domain label with -- as its third and fourth characters unless it starts with xn--"
            }
        }
        return nil
    }

    /// `xn--` in any case: an IDNA A-label (RFC 5890 §2.3.2.1).
    private static func isACEPrefixed(_ label: ArraySlice<UInt8>) -> Bool {
        let lowered = label.prefix(2).map { $0 | 0x20 }
        return lowered == Array("xn".utf8)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
