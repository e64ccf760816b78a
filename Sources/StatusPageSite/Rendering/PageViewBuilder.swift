import StatusdAPI
import StatusdCore
import StatusdStore

/// Reads what the page shows from the store, in the caller's read snapshot, with the rules the
/// summary uses: components and their derived status (`Store.components`), the overall status
/// (`PageStatus`), open incidents (`Store.openIncidents`), windows not yet over. Then the history.
struct PageViewBuilder {
    let store: Store

    func build(_ address: PageAddress, history window: HistoryWindow, now: Timestamp) throws -> PageView {
        let page = address.page
        let components = try store.components(statusPageId: page.id)
        let names = Dictionary(components.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let open = try store.openIncidents(statusPageId: page.id)
        let windows = try store.upcomingScheduledMaintenance(statusPageId: page.id, at: now, limit: Self.maintenanceLimit)
        let history = try store.resolvedIncidents(statusPageId: page.id, startedIn: window.range, limit: HistoryWindow.limit)
        let timelines = try store.timelines(incidentIds: open.map(\.id) + history.items.map(\.id))
        let incident = { (item: Incident) in Self.incident(item, timeline: timelines[item.id] ?? [], names: names) }
        let active = windows.filter { $0.phase(at: now) == .inProgress }.map { Self.maintenance($0, names) }
        let upcoming = windows.filter { $0.phase(at: now) == .scheduled }.map { Self.maintenance($0, names) }
        return PageView(
            pageName: page.name, pageDescription: page.description, pageLogo: Self.logo(page),
            faviconURL: SafeURL.web(page.faviconURL), noindex: page.hideFromSearchEngines,
            feeds: FeedLinks(atomFeed: address.path("/feed.atom"), rssFeed: address.path("/feed.rss"), jsonFeed: address.path("/feed.json")),
            overall: StatusWording.badge(PageStatus(components: components)),
            sections: try sections(page, components),
            activeIncidents: open.map(incident), activeMaintenance: active, upcomingMaintenance: upcoming,
            history: try historyView(address, window, history, incident),
            generatedAt: Self.time(now),
            hasActiveIncidents: !open.isEmpty, hasActiveMaintenance: !active.isEmpty, hasUpcomingMaintenance: !upcoming.isEmpty)
    }

    /// The summary's limit on windows.
    static let maintenanceLimit = 100

    /// Ungrouped components first, then each group that has any, in the groups' order.
    private func sections(_ page: StatusPage, _ components: [Component]) throws -> [ComponentSection] {
        let view = { (component: Component) in
            ComponentView(
                componentName: component.name, componentDescription: component.description,
                componentStatus: StatusWording.badge(component.status))
        }
        var sections: [ComponentSection] = []
        let ungrouped = components.filter { $0.groupId == nil }
        if !ungrouped.isEmpty { sections.append(ComponentSection(groupName: nil, groupDescription: nil, components: ungrouped.map(view))) }
        let groups = try store.componentGroups(statusPageId: page.id)
        let known = Set(groups.map(\.id))
        for group in groups {
            let members = components.filter { $0.groupId == group.id }
            if !members.isEmpty {
                sections.append(ComponentSection(groupName: group.name, groupDescription: group.description, components: members.map(view)))
            }
        }
        // A component whose group is gone is still shown, with the ungrouped ones' look.
        let orphans = components.filter { $0.groupId.map { !known.contains($0) } ?? false }
        if !orphans.isEmpty { sections.append(ComponentSection(groupName: nil, groupDescription: nil, components: orphans.map(view))) }
        return sections
    }

    private func historyView(
        _ address: PageAddress, _ window: HistoryWindow, _ found: Page<Incident>, _ incident: (Incident) -> IncidentView
    ) throws -> HistoryView {
        let range = window.range
        let neighbours = try store.resolvedIncidentStarts(statusPageId: address.page.id, before: range.lowerBound, atOrAfter: range.upperBound)
        let link = { (number: Int, text: String) in
            LinkView(linkHref: number == 1 ? address.pagePath + "#history" : address.pagePath + "?page=\(number)#history", linkText: text)
        }
        let newer: LinkView? = window.number == 1 ? nil
            : link(neighbours.newer.map(window.page(containing:)) ?? 1, "Newer incidents")
        let older = neighbours.older.map { link(window.page(containing: $0), "Older incidents") }
        let lastDay = Timestamp(millisecondsSince1970: range.upperBound.millisecondsSince1970 - HistoryWindow.dayMilliseconds)
        let shown = found.items.count
        return HistoryView(
            period: "\(TimeText.day(range.lowerBound)) to \(TimeText.day(lastDay))",
            historyIncidents: found.items.map(incident),
            more: found.total > shown ? "The \(shown) latest of \(found.total) incidents in this period are shown." : nil,
            newer: newer, older: older)
    }

    static func incident(_ incident: Incident, timeline: [IncidentUpdate], names: [String: String]) -> IncidentView {
        let affected = incident.components.compactMap { names[$0.componentId] }
        let count = timeline.count
        return IncidentView(
            incidentAnchor: "incident-" + PercentEncoding.pathSegment(incident.id), incidentTitle: incident.title,
            impact: incident.impact.map(StatusWording.badge), incidentStatus: StatusWording.text(incident.status),
            started: time(incident.startedAt), ended: incident.endedAt.map(time),
            affected: affected.isEmpty ? nil : affected.joined(separator: ", "),
            updates: timeline.reversed().map { UpdateView(updateLabel: StatusWording.label($0), updateTime: time($0.createdAt), updateMessage: $0.message) },
            updateCount: count == 1 ? "1 update" : "\(count) updates", hasUpdates: count > 0)
    }

    static func maintenance(_ window: ScheduledMaintenance, _ names: [String: String]) -> MaintenanceView {
        let affected = window.componentIds.compactMap { names[$0] }
        return MaintenanceView(
            maintenanceAnchor: "maintenance-" + PercentEncoding.pathSegment(window.id), maintenanceTitle: window.title,
            maintenanceDescription: window.description.isEmpty ? nil : window.description,
            starts: time(window.startsAt), ends: time(window.endsAt),
            maintenanceComponents: affected.isEmpty ? nil : affected.joined(separator: ", "))
    }

    static func time(_ time: Timestamp) -> TimeView {
        TimeView(timeISO: time.iso8601Seconds, timeText: TimeText.display(time))
    }

    private static func logo(_ page: StatusPage) -> LogoView? {
        guard let url = SafeURL.web(page.logoURL) else { return nil }
        return LogoView(logoURL: url, darkLogoURL: SafeURL.web(page.darkLogoURL), logoAlt: page.name)
    }
}

/// Only `http:` and `https:` URLs reach the page (no `javascript:` or `data:`), and nothing with
/// spaces or control characters; the template escapes what is left.
enum SafeURL {
    static func web(_ text: String?) -> String? {
        guard let text, let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        guard scheme == "http" || scheme == "https", text[colon...].hasPrefix("://"), text.count <= 2048,
              !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
        else { return nil }
        return text
    }
}
