// Keys as the app sees them, and a pure decoder from what ncurses' get_wch returns,
// so key handling is testable without a terminal.

public enum Key: Hashable, Sendable {
    /// Printable text, including non-ASCII (é, 日, emoji).
    case char(Character)
    /// Ctrl plus a letter, as the lowercase letter.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown, insert
    case function(Int)
    case resize
    case unknown(Int32)
    /// A whole bracketed paste, "\r\n"/"\r" already turned into "\n"; otherwise unfiltered.
    case paste(String)
    /// Alt (Meta) plus a printable character: ESC followed at once by the character.
    case alt(Character)
    /// Word movement; Alt-Left/Alt-Right sent as ESC+arrow arrive as these too.
    case ctrlLeft, ctrlRight
    /// ESC followed at once by Backspace/DEL.
    case altBackspace
}

/// ncurses key codes. They are C macros, so they are restated here;
/// a test checks them against the header through the shim.
public enum KeyCode {
    public static let ok: Int32 = 0
    public static let codeYes: Int32 = 0o400
    public static let down: UInt32 = 0o402
    public static let up: UInt32 = 0o403
    public static let left: UInt32 = 0o404
    public static let right: UInt32 = 0o405
    public static let home: UInt32 = 0o406
    public static let backspace: UInt32 = 0o407
    public static let f0: UInt32 = 0o410
    public static let dc: UInt32 = 0o512
    public static let ic: UInt32 = 0o513
    public static let npage: UInt32 = 0o522
    public static let ppage: UInt32 = 0o523
    public static let enter: UInt32 = 0o527
    public static let a1: UInt32 = 0o534
    public static let a3: UInt32 = 0o535
    public static let c1: UInt32 = 0o537
    public static let c3: UInt32 = 0o540
    public static let btab: UInt32 = 0o541
    public static let end: UInt32 = 0o550
    public static let find: UInt32 = 0o552
    public static let select: UInt32 = 0o601
    public static let resize: UInt32 = 0o632
    public static func f(_ n: Int) -> UInt32 { f0 + UInt32(n) }
}

public enum KeyDecoder {
    /// `status` is get_wch's return (OK or KEY_CODE_YES); `value` the wint_t it filled in.
    public static func decode(status: Int32, value: UInt32) -> Key {
        switch status {
        case KeyCode.codeYes: return decodeFunctionKey(value)
        case KeyCode.ok: return decodeCharacter(value)
        default: return .unknown(status)
        }
    }

    private static func decodeFunctionKey(_ code: UInt32) -> Key {
        switch code {
        case KeyCode.up: return .up
        case KeyCode.down: return .down
        case KeyCode.left: return .left
        case KeyCode.right: return .right
        // Some terminfo entries send ESC[1~ / ESC[4~, which ncurses reports as find/select;
        // the keypad's corner keys stand in for home/end/page keys when NumLock is off.
        case KeyCode.home, KeyCode.find, KeyCode.a1: return .home
        case KeyCode.end, KeyCode.select, KeyCode.c1: return .end
        case KeyCode.ppage, KeyCode.a3: return .pageUp
        case KeyCode.npage, KeyCode.c3: return .pageDown
        case KeyCode.enter: return .enter
        case KeyCode.btab: return .backTab
        case KeyCode.backspace: return .backspace
        case KeyCode.dc: return .delete
        case KeyCode.ic: return .insert
        case KeyCode.resize: return .resize
        case KeyCode.f(1)...KeyCode.f(63): return .function(Int(code - KeyCode.f0))
        default: return .unknown(Int32(bitPattern: code))
        }
    }

    private static func decodeCharacter(_ value: UInt32) -> Key {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0...31, 0x80...0x9F: return .unknown(Int32(bitPattern: value))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown(Int32(bitPattern: value)) }
            return .char(Character(scalar))
        }
    }
}
