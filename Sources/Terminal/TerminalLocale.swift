// Over SSH the locale is often not forwarded. ncurses only draws UTF-8 when the
// process locale says so: try the user's locale, then C.UTF-8, else fall back to ASCII.
import CNCurses

enum TerminalLocale {
    /// Sets the process locale; returns whether its codeset is UTF-8.
    static func setUp() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8() { return true }
        for name in ["C.UTF-8", "C.utf8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8() { return true }
        }
        return false
    }

    static func isUTF8() -> Bool {
        guard let raw = nl_langinfo(nl_item(CODESET)) else { return false }
        let codeset = String(cString: raw).uppercased().filter { $0 != "-" && $0 != "_" }
        return codeset == "UTF8"
    }
}
