// placeholder: the CLI lands with the store issue.
@main
struct Statusd {
    static func main() {}
}
