import StatusdCore
import StatusdSync

/// Where deep slices of incident lists began, so that a later request for a slice at or past one
/// seeks to its sort key in the index instead of stepping over every entry before it (SQLite has
/// no counted B-tree: OFFSET walks the index entry by entry, 20,000 of them for page 1000).
///
/// An anchor holds a list position and the sort key `(value, id)` of the row there. It is only
/// true of the data it was read from, so anchors are tagged with the content change counter read
/// in the same transaction and used only at that same count; the first anchor of a newer count
/// drops all older ones. A client walking pages, or many asking for the same deep page, seek;
/// the first visit to a deep position still walks.
final class ListAnchors: Sendable {
    struct Anchor: Equatable {
        /// 0-based position in the list of the row the key is taken from.
        let position: Int
        /// The row's sort column (every sortable column is an integer).
        let value: Int64
        let id: String
    }

    private struct State {
        var version: Int64 = .min
        var lists: [IncidentQuery: [Anchor]] = [:]
        var count = 0
    }

    /// Slices starting before this are read with a plain OFFSET (cheap enough) and leave no anchor.
    let minimumOffset: Int
    /// Anchors kept at most (a few hundred bytes each); past it, the newest ones are not kept.
    static let capacity = 4096
    private let state = Locked(State())

    init(minimumOffset: Int = 1000) {
        self.minimumOffset = minimumOffset
    }

    /// The list a query pages through: the query without its page.
    static func list(of query: IncidentQuery) -> IncidentQuery {
        var list = query
        list.page = 1
        list.perPage = 1
        return list
    }

    /// The anchor of `list` closest before or at `offset`, read at content count `version`.
    func nearest(in list: IncidentQuery, atOrBefore offset: Int, version: Int64) -> Anchor? {
        state.withLock { state in
            guard state.version == version, let anchors = state.lists[list] else { return nil }
            return anchors.last { $0.position <= offset }
        }
    }

    /// Keeps `anchor` for `list` at content count `version` (an older count than the newest seen
    /// is ignored: its anchors could never be used again).
    func keep(_ anchor: Anchor, in list: IncidentQuery, version: Int64) {
        state.withLock { state in
            if version > state.version {
                state = State(version: version)
            }
            guard version == state.version, state.count < Self.capacity else { return }
            var anchors = state.lists[list] ?? []
            guard !anchors.contains(where: { $0.position == anchor.position }) else { return }
            let index = anchors.firstIndex { $0.position > anchor.position } ?? anchors.endIndex
            anchors.insert(anchor, at: index)
            state.lists[list] = anchors
            state.count += 1
        }
    }
}
