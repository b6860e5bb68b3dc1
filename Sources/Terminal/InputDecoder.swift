// Turns the stream of get_wch results into Keys, assembling what takes several reads:
// Alt-x (ESC then x), CSI sequences ncurses does not know, and bracketed paste.
// Pure and clock-free (idle time is reported as input) so it is tested without a terminal.

/// One result of get_wch, or the absence of one.
public enum RawInput: Sendable, Equatable {
    /// get_wch returned OK with this character value.
    case char(UInt32)
    /// get_wch returned KEY_CODE_YES. `name` is keyname(code): extended keys such as
    /// Ctrl-Left ("kLFT5") have numbers that differ between terminals, names that do not.
    case keyCode(UInt32, name: String?)
    /// Nothing arrived for this long.
    case idle(milliseconds: Int)
}

public struct InputDecoder: Sendable {
    /// An unterminated paste is delivered after this much silence, so no text is lost.
    public static let pasteIdleMilliseconds = 200
    /// Pastes are delivered in pieces of at most about this many UTF-8 bytes.
    public static let maxPasteBytes = 1 << 20
    /// How long to wait for the rest of an "ESC [" sequence split across packets.
    public static let sequenceWaitMilliseconds = 50

    private enum State: Sendable { case ground, escape, csi, paste }
    private var state = State.ground
    private var csiBytes: [UInt8] = []
    private var pasteText = String.UnicodeScalarView()
    private var pasteBytes = 0
    private var pasteIdle = 0
    private var endMatched = 0
    private var lastWasCR = false

    private static let endMarker: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~

    public init() {}

    /// How long the caller should wait for more input before feeding `.idle`;
    /// nil when nothing is half-decoded. 0 after a bare ESC: ncurses has already waited
    /// ESCDELAY for a following byte, so it is either buffered or not coming.
    public var pendingWaitMilliseconds: Int? {
        switch state {
        case .ground: return nil
        case .escape: return 0
        case .csi: return Self.sequenceWaitMilliseconds
        case .paste: return max(0, Self.pasteIdleMilliseconds - pasteIdle)
        }
    }

    /// True while inside a bracketed paste.
    public var isInPaste: Bool { state == .paste }

    /// Feeds one input; returns the keys it completes, in order.
    public mutating func feed(_ input: RawInput) -> [Key] {
        var out: [Key] = []
        process(input, into: &out)
        return out
    }

    private mutating func process(_ input: RawInput, into out: inout [Key]) {
        switch state {
        case .ground: ground(input, into: &out)
        case .escape: afterEscape(input, into: &out)
        case .csi: inCSI(input, into: &out)
        case .paste: inPaste(input, into: &out)
        }
    }

    private mutating func ground(_ input: RawInput, into out: inout [Key]) {
        switch input {
        case .char(0x1B): state = .escape
        case .char(let v): out.append(KeyDecoder.decode(status: KeyCode.ok, value: v))
        case .keyCode(let code, let name):
            switch Self.named(code, name) {
            case .pasteStart: startPaste()
            case .pasteEnd: break  // stray end marker: nothing to deliver
            case .key(let key): out.append(key)
            }
        case .idle: break
        }
    }

    private mutating func afterEscape(_ input: RawInput, into out: inout [Key]) {
        state = .ground
        switch input {
        case .char(0x1B):
            out.append(.escape)
            state = .escape  // the second ESC may itself start something
        case .char(0x5B):
            csiBytes = []
            state = .csi
        case .char(8), .char(127): out.append(.altBackspace)
        case .char(let v):
            // Alt plus a control key (Alt-Enter) gives the key itself rather than an Esc
            // that would cancel what the person is doing.
            let key = KeyDecoder.decode(status: KeyCode.ok, value: v)
            if case .char(let c) = key { out.append(.alt(c)) } else { out.append(key) }
        case .keyCode(let code, let name):
            switch Self.named(code, name) {
            case .key(.left): out.append(.ctrlLeft)    // ESC ESC [ D: Alt-Left on some terminals
            case .key(.right): out.append(.ctrlRight)
            case .key(.backspace), .key(.delete): out.append(.altBackspace)
            case .key(let key): out.append(key)
            case .pasteStart: out.append(.escape); startPaste()
            case .pasteEnd: out.append(.escape)
            }
        case .idle: out.append(.escape)  // a lone Esc
        }
    }

    private mutating func inCSI(_ input: RawInput, into out: inout [Key]) {
        if case .char(let v) = input {
            if (0x20...0x3F).contains(v), csiBytes.count < 32 {
                csiBytes.append(UInt8(v))
                return
            }
            if (0x40...0x7E).contains(v) {
                state = .ground
                finishCSI(String(decoding: csiBytes + [UInt8(v)], as: UTF8.self), into: &out)
                return
            }
        }
        // Not a sequence after all: "ESC [" alone was Alt-[; a broken sequence is dropped
        // rather than typed into the text. The input that broke it is decoded afresh.
        out.append(csiBytes.isEmpty ? .alt("[") : .unknown(0x1B))
        state = .ground
        if case .idle = input { return }
        process(input, into: &out)
    }

    /// Sequences ncurses' terminfo may lack; everything else is an unknown key.
    private mutating func finishCSI(_ body: String, into out: inout [Key]) {
        switch body {
        case "200~": startPaste()
        case "201~": break
        case "1;5D", "1;3D": out.append(.ctrlLeft)
        case "1;5C", "1;3C": out.append(.ctrlRight)
        // Cursor keys in normal mode, from terminals that ignore keypad's application mode.
        case "A": out.append(.up)
        case "B": out.append(.down)
        case "C": out.append(.right)
        case "D": out.append(.left)
        case "H": out.append(.home)
        case "F": out.append(.end)
        case "3~": out.append(.delete)
        default: out.append(.unknown(0x1B))
        }
    }

    // MARK: - Paste

    private mutating func startPaste() {
        state = .paste
        pasteText = String.UnicodeScalarView()
        pasteBytes = 0
        pasteIdle = 0
        endMatched = 0
        lastWasCR = false
    }

    private mutating func inPaste(_ input: RawInput, into out: inout [Key]) {
        switch input {
        case .char(let v):
            pasteIdle = 0
            pasteScalar(v, into: &out)
        case .keyCode(let code, let name):
            pasteIdle = 0
            flushPartialMarker(into: &out)
            switch Self.named(code, name) {
            case .pasteEnd: finishPaste(into: &out)
            case .key(.enter): appendText(0x0A, into: &out)
            // An escape sequence inside the pasted text that ncurses took for a key:
            // it could not be shown anyway (Frame.put would blank it).
            default: break
            }
        case .idle(let ms):
            pasteIdle += max(0, ms)
            if pasteIdle >= Self.pasteIdleMilliseconds {
                flushPartialMarker(into: &out)
                finishPaste(into: &out)
            }
        }
    }

    private mutating func pasteScalar(_ v: UInt32, into out: inout [Key]) {
        if v == Self.endMarker[endMatched] {
            endMatched += 1
            if endMatched == Self.endMarker.count {
                endMatched = 0
                finishPaste(into: &out)
            }
            return
        }
        flushPartialMarker(into: &out)
        if v == Self.endMarker[0] {
            endMatched = 1
            return
        }
        appendText(v, into: &out)
    }

    /// The start of an end marker that turned out to be text is text.
    private mutating func flushPartialMarker(into out: inout [Key]) {
        let partial = Self.endMarker.prefix(endMatched)
        endMatched = 0
        for v in partial { appendText(v, into: &out) }
    }

    private mutating func appendText(_ v: UInt32, into out: inout [Key]) {
        // "\r\n" and "\r" become "\n" (terminals send Enter as CR, Windows text has CRLF).
        let wasCR = lastWasCR
        lastWasCR = v == 0x0D
        if v == 0x0A && wasCR { return }
        guard let scalar = Unicode.Scalar(v == 0x0D ? 0x0A : v) else { return }  // lone surrogate
        pasteText.append(scalar)
        pasteBytes += UTF8.width(scalar)
        if pasteBytes >= Self.maxPasteBytes { deliverPaste(into: &out) }
    }

    private mutating func finishPaste(into out: inout [Key]) {
        deliverPaste(into: &out)
        state = .ground
    }

    private mutating func deliverPaste(into out: inout [Key]) {
        if !pasteText.isEmpty { out.append(.paste(String(pasteText))) }
        pasteText = String.UnicodeScalarView()
        pasteBytes = 0
    }

    // MARK: - Key codes

    private enum Decoded { case key(Key), pasteStart, pasteEnd }

    private static func named(_ code: UInt32, _ name: String?) -> Decoded {
        let key = KeyDecoder.decode(status: KeyCode.codeYes, value: code)
        guard case .unknown = key, let name else { return .key(key) }
        switch name {
        case "kLFT5", "kLFT3": return .key(.ctrlLeft)
        case "kRIT5", "kRIT3": return .key(.ctrlRight)
        // Only if a terminfo entry or define_key made ncurses recognise the markers.
        case "kPS", "PS": return .pasteStart
        case "kPE", "PE": return .pasteEnd
        default: return .key(key)
        }
    }
}
