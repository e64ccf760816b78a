/// UUIDs name the same thing in any letter case (RFC 9562 §4), and clients differ in how they
/// print them; other ids (`a1b2c3d4`, subdomains) are matched exactly. Lookups try the id as given
/// first, so the common case costs one query; answers keep the stored spelling.
public enum IdSpelling {
    /// The spellings to look `id` up by: as given, then lower- and uppercase for a UUID.
    public static func variants(_ id: String) -> [String] {
        guard isUUID(id) else { return [id] }
        var variants = [id]
        for spelling in [id.lowercased(), id.uppercased()] where !variants.contains(spelling) {
            variants.append(spelling)
        }
        return variants
    }

    /// Whether two path ids name the same thing: equal, or the same UUID in another case.
    public static func same(_ a: String, _ b: String) -> Bool {
        a == b || (isUUID(a) && isUUID(b) && a.lowercased() == b.lowercased())
    }

    /// `8-4-4-4-12` hexadecimal digits.
    public static func isUUID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 8, 13, 18, 23:
                if byte != UInt8(ascii: "-") { return false }
            default:
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                     UInt8(ascii: "A")...UInt8(ascii: "F"):
                    continue
                default: return false
                }
            }
        }
        return true
    }

    /// The first non-nil result of `lookup` over the variants of `id`.
    public static func find<T>(_ id: String, _ lookup: (String) throws -> T?) rethrows -> T? {
        for spelling in variants(id) {
            if let found = try lookup(spelling) { return found }
        }
        return nil
    }
}
