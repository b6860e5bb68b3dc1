import CNCurses
import Testing
@testable import Terminal

@Suite struct KeyDecoderTests {
    func key(_ code: Int32) -> Key { KeyDecoder.decode(status: cn_key_code_yes(), value: UInt32(code)) }
    func char(_ value: UInt32) -> Key { KeyDecoder.decode(status: OK, value: value) }

    @Test func ourKeyCodeTableMatchesTheCursesHeader() {
        #expect(KeyCode.codeYes == cn_key_code_yes())
        #expect(KeyCode.up == UInt32(cn_key_up()))
        #expect(KeyCode.down == UInt32(cn_key_down()))
        #expect(KeyCode.npage == UInt32(cn_key_npage()))
        #expect(KeyCode.btab == UInt32(cn_key_btab()))
        #expect(KeyCode.resize == UInt32(cn_key_resize()))
        #expect(KeyCode.end == UInt32(cn_key_end()))
        #expect(KeyCode.select == UInt32(cn_key_select()))
        #expect(KeyCode.f(5) == UInt32(cn_key_f(5)))
    }

    @Test func cursorAndPageKeys() {
        #expect(key(cn_key_up()) == .up)
        #expect(key(cn_key_down()) == .down)
        #expect(key(cn_key_left()) == .left)
        #expect(key(cn_key_right()) == .right)
        #expect(key(cn_key_npage()) == .pageDown)
        #expect(key(cn_key_ppage()) == .pageUp)
        #expect(key(cn_key_ic()) == .insert)
        #expect(key(cn_key_dc()) == .delete)
    }

    @Test func homeAndEndIncludingTheirAlternativeCodes() {
        #expect(key(cn_key_home()) == .home)
        #expect(key(cn_key_find()) == .home)
        #expect(key(cn_key_a1()) == .home)
        #expect(key(cn_key_end()) == .end)
        #expect(key(cn_key_select()) == .end)
        #expect(key(cn_key_c1()) == .end)
    }

    @Test func enterTabBackspaceEscape() {
        #expect(key(cn_key_enter()) == .enter)
        #expect(char(10) == .enter)
        #expect(char(13) == .enter)
        #expect(char(9) == .tab)
        #expect(key(cn_key_btab()) == .backTab)
        #expect(key(cn_key_backspace()) == .backspace)
        #expect(char(127) == .backspace)
        #expect(char(8) == .backspace)
        #expect(char(27) == .escape)
    }

    @Test func controlLettersFunctionKeysAndResize() {
        #expect(char(1) == .ctrl("a"))
        #expect(char(21) == .ctrl("u"))
        #expect(char(26) == .ctrl("z"))
        #expect(key(cn_key_f(1)) == .function(1))
        #expect(key(cn_key_f(12)) == .function(12))
        #expect(key(cn_key_resize()) == .resize)
    }

    @Test func printableTextIncludingUnicode() {
        #expect(char(UInt32(UInt8(ascii: "q"))) == .char("q"))
        #expect(char(0xE9) == .char("é"))
        #expect(char(0x65E5) == .char("日"))
        #expect(char(0x1F600) == .char("😀"))
    }

    @Test func oddValuesAreUnknownNotCrashes() {
        #expect(char(0x9B) == .unknown(0x9B))
        #expect(char(0xD800) == .unknown(0xD800))   // lone surrogate
        #expect(key(0o631) == .unknown(0o631))       // KEY_MOUSE
        #expect(KeyDecoder.decode(status: ERR, value: 0) == .unknown(ERR))
    }
}
