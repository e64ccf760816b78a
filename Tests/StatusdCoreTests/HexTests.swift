import StatusdCore
import Testing

/// The one lowercase-hex codec of signed tokens, entity tags and signatures.
@Suite struct HexTests {
    @Test func encodesLowercase_andDecodesWhatItEncodes() {
        let bytes: [UInt8] = [0x00, 0x0f, 0xa5, 0xff, 0x10]
        #expect(Hex.encode(bytes) == "000fa5ff10")
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.decode("000fa5ff10") == bytes)
        #expect(Hex.decode("") == [])
    }

    @Test(arguments: ["0", "abc", "0G", "AB", "a b0", "zz"])
    func refusesAnythingButEvenLengthLowercaseHex(text: String) {
        #expect(Hex.decode(Substring(text)) == nil)
    }
}
