// placeholder: the parser fuzz target lands with the HTTP-core issue.
@main
struct FuzzParser {
    static func main() {}
}
