import Testing
@testable import StatusdAPI

@Suite struct JSONWriterTests {
    @Test func writesFieldsInOrderWithCommas() {
        var json = JSONWriter()
        json.beginObject()
        json.field("id", "a1")
        json.field("ended", nil as String?)
        json.field("count", 3)
        json.field("ok", true)
        json.field("ids", strings: ["x", "y"])
        json.key("nested")
        json.beginArray()
        json.beginObject()
        json.endObject()
        json.beginObject()
        json.field("k", "v")
        json.endObject()
        json.endArray()
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self)
            == #"{"id":"a1","ended":null,"count":3,"ok":true,"ids":["x","y"],"nested":[{},{"k":"v"}]}"#)
    }

    @Test func escapesStrings() {
        var json = JSONWriter()
        json.value("q\"b\\n\nt\tc\u{01}é")
        #expect(String(decoding: json.bytes, as: UTF8.self) == #""q\"b\\n\nt\tc\u0001é""#)
    }

    @Test func roundTripsParsedValues() throws {
        let text = #"{"a":[1,2.5,null,true],"b":{"c":"d"}}"#
        var json = JSONWriter()
        json.value(try JSONValue.parse(Array(text.utf8)))
        #expect(String(decoding: json.bytes, as: UTF8.self) == text)
    }
}
