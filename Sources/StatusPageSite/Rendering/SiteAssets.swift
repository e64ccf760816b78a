import Foundation
import HTTPTypes
import StatusdHTTP
import StatusdCore

/// The page's stylesheet and script, separate files so that the Content-Security-Policy admits no
/// inline style or script. Read once from the bundle; their URLs carry a digest of the content, so
/// they can be cached for a day and a new release is fetched at once.
struct SiteAssets: Sendable {
    struct Asset: Sendable {
        let body: [UInt8]
        let contentType: String
        let tag: String
    }

    let css: Asset
    let script: Asset

    struct Paths: Sendable {
        let stylesheet: String
        let script: String
    }

    static let bundled = SiteAssets(
        css: load("page", "css", "text/css; charset=utf-8"), script: load("page", "js", "text/javascript; charset=utf-8"))

    static let paths = Paths(
        stylesheet: "/status/assets/page.css?v=" + bundled.css.tag, script: "/status/assets/page.js?v=" + bundled.script.tag)

    static func response(_ asset: Asset) -> HTTPServerResponse {
        var response = HTTPServerResponse(status: .ok, body: asset.body)
        response.headerFields[.contentType] = asset.contentType
        response.headerFields[.cacheControl] = "public, max-age=86400"
        response.headerFields[.eTag] = "\"\(asset.tag)\""
        response.headerFields[SiteHeaders.contentTypeOptions] = "nosniff"
        return response
    }

    private static func load(_ name: String, _ kind: String, _ contentType: String) -> Asset {
        let url = Bundle.module.url(forResource: "Assets", withExtension: nil)?.appendingPathComponent("\(name).\(kind)")
        let body = url.flatMap { try? Data(contentsOf: $0) }.map { Array($0) } ?? []
        return Asset(body: body, contentType: contentType, tag: String(Hex.encode(SiteCrypto.sha256(body)).prefix(16)))
    }
}
