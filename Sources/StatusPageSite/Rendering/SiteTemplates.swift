import Foundation
import Mustache

/// The page's templates: `Templates/*.mustache`, shipped as a resource of this target and parsed
/// once at start. `{{name}}` escapes for HTML (and so for XML: `&`, `<`, `>`, `"` and `'`), which
/// is why the templates never use the unescaped `{{{name}}}` / `{{&name}}` forms.
struct SiteTemplates: Sendable {
    let library: MustacheLibrary

    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "status page template \(name) missing from the installation" }
    }

    /// Every template of the bundle's Templates folder, named by its file name without `.mustache`.
    static func bundled() throws -> SiteTemplates {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw Missing(name: "folder")
        }
        var templates: [String: MustacheTemplate] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        return SiteTemplates(library: MustacheLibrary(templates: templates))
    }

    /// `view` through the template `name`, as UTF-8.
    func render(_ view: Any, _ name: String) throws -> [UInt8] {
        guard let text = library.render(view, withTemplate: name) else { throw Missing(name: name) }
        return Array(text.utf8)
    }
}
