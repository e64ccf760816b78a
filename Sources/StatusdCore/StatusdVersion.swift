/// The release this build is: what `statusd --version` prints, and what the server may report.
/// One place to bump at a release.
public enum StatusdVersion {
    public static let current = "0.6.0"
}
