import Foundation
import StatusdTesting
import Testing

/// The demo page as the public sees it, and the management calls the tests change it with.
let demoSite = "/status/demo"
let demoManaged = "/v1/status_pages/a1b2c3d4"

extension TestServer {
    /// An OnlineOrNot management call with the demo token.
    @discardableResult
    func manage(_ method: String, _ path: String, _ body: String? = nil) throws -> TestResponse {
        var headers = [("Authorization", "Bearer 123")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response = try send(method, path, headers: headers, body: body)
        try #require((200..<300).contains(response.status), "\(method) \(path): \(response.text)")
        return response
    }

    /// Creates an incident on the demo page; returns its id.
    func openIncident(title: String, message: String, components: String = #"{"property1":"MAJOR_OUTAGE"}"#) throws -> String {
        let body = #"{"title":\#(jsonString(title)),"description":\#(jsonString(message)),"status":"INVESTIGATING","impact":"MAJOR_OUTAGE","components":\#(components)}"#
        let response = try manage("POST", demoManaged + "/incidents", body)
        let result = (try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["result"] as? [String: Any]
        return try #require(result?["id"] as? String)
    }

    /// The password form's POST.
    func submitPassword(_ password: String, to path: String = demoSite, host: String? = nil) throws -> TestResponse {
        let body = "password=" + (password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return try send("POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body, host: host)
    }
}

func jsonString(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
}

/// `name=value` of a Set-Cookie header, for sending back.
func cookiePair(_ setCookie: String?) -> String? {
    setCookie?.split(separator: ";").first.map(String.init)
}

/// Runs a program; its standard output, and its exit status.
func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> (output: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    while process.isRunning, Date() < deadline { usleep(20_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
}

/// The repository's root (this file is Tests/StatusPageSiteTests/Support/SiteFixtures.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
