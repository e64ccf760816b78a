import Foundation

/// A parsed fixture file, ready to load into a store (`Store.load(_:)`): what `serve --fixtures`
/// and `serve --demo` load at start-up, and what a test-control reset restores.
public struct Fixtures: Sendable {
    let file: FixtureFile
    /// Where the fixtures came from (a path, or `demo`), for messages.
    public let source: String

    /// Reads and checks a fixture file; throws `FixtureError` (naming the field) or a file error.
    public static func read(path: String) throws -> Fixtures {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FixtureError("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        do {
            return Fixtures(file: try FixtureFile.parse(data), source: path)
        } catch let error as FixtureError {
            throw FixtureError("\(path): \(error.description)")
        }
    }

    /// Parses fixtures from bytes in memory (tests, the control API).
    public static func parse(_ data: Data, source: String) throws -> Fixtures {
        do {
            return Fixtures(file: try FixtureFile.parse(data), source: source)
        } catch let error as FixtureError {
            throw FixtureError("\(source): \(error.description)")
        }
    }

    /// The `--demo` data (`Resources/demo-fixtures.json`, shipped in the store's bundle): what makes
    /// every curl example of the seed documents work as written.
    public static func demo() throws -> Fixtures {
        guard let url = Bundle.module.url(forResource: "demo-fixtures", withExtension: "json") else {
            throw FixtureError("demo-fixtures.json is missing from the installation")
        }
        return try parse(try Data(contentsOf: url), source: "demo")
    }
}
