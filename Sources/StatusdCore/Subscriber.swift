/// An e-mail address subscribed to a status page's notifications (OnlineOrNot's status page
/// subscribers): the address as the client spelt it and whether its owner has confirmed it through
/// the confirmation mail's link (only confirmed ones get incident and maintenance mail).
public struct Subscriber: Sendable, Hashable {
    public var id: String
    public var statusPageId: String
    /// As sent; two addresses that differ only in ASCII letter case are one subscriber.
    public var emailAddress: String
    /// nil until the address is confirmed (the link in the confirmation mail); a subscriber
    /// created through the API starts unconfirmed, as the spec's "pending invitation".
    public var confirmedAt: Timestamp?
    public var createdAt: Timestamp

    public init(id: String, statusPageId: String, emailAddress: String, confirmedAt: Timestamp? = nil, createdAt: Timestamp) {
        self.id = id
        self.statusPageId = statusPageId
        self.emailAddress = emailAddress
        self.confirmedAt = confirmedAt
        self.createdAt = createdAt
    }

    /// What the API shows as `confirmed`.
    public var isConfirmed: Bool { confirmedAt != nil }
}
