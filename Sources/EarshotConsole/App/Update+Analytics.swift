import EarshotCore
import Foundation
import Terminal

/// What the analytics view shows: a period, a scope, and the figures for them,
/// computed when either changes or the store does, never per frame.
public struct AnalyticsScreen: Sendable, Equatable {
    public var period: PeriodChoice = .thisWeek
    public var scope: Scope = .service
    public var scroll = 0
    /// While a range is being typed ("2026-10-01 2026-10-31"); nil otherwise.
    public var rangeInput: String?
    /// Why the last typed range was refused, shown until the next key.
    public var problem: String?
    public var figures: Figures?
}

extension Mode {
    var isAnalytics: Bool { if case .analytics = self { true } else { false } }
}

/// `L`: the analytics view. p/P period, s/S scope, r typed range, j/k scroll, Esc back.
extension AppState {
    mutating func openAnalytics() {
        var screen = AnalyticsScreen()
        // Staff see their own branch first; comms and managers the whole service.
        if let branch = me.branch, workspace.config.branch(branch) != nil { screen.scope = .branch(branch) }
        recompute(&screen)
        mode = .analytics(screen)
    }

    /// After the store changed: the figures follow, the choices stay.
    mutating func refreshAnalytics() {
        guard case .analytics(var screen) = mode else { return }
        recompute(&screen)
        mode = .analytics(screen)
    }

    func recompute(_ screen: inout AnalyticsScreen) {
        let config = workspace.config
        guard let interval = screen.period.interval(now: now, calendar: config.calendar) else { return }
        screen.figures = Figures.compute(workspace.ledger, config: config, period: interval, scope: screen.scope, now: now)
    }

    mutating func handleAnalytics(_ key: Key, _ screen: inout AnalyticsScreen) -> [Effect] {
        screen.problem = nil
        if var input = screen.rangeInput {
            switch key {
            case .escape: screen.rangeInput = nil
            case .backspace: if !input.isEmpty { input.removeLast() }; screen.rangeInput = input
            case .char(let c) where c.isNumber || c == "-" || c == " ": input.append(c); screen.rangeInput = input
            case .enter: applyRange(input, &screen)
            default: break
            }
            mode = .analytics(screen)
            return []
        }
        let scopes = Scope.all(workspace.config)
        let presets = PeriodChoice.presets
        switch key {
        case .escape, .char("q"), .char("L"):
            mode = .normal
            return []
        case .char("p"), .right, .char("]"):
            screen.period = presets[((presets.firstIndex(of: screen.period) ?? -1) + 1) % presets.count]
        case .char("P"), .left, .char("["):
            let i = presets.firstIndex(of: screen.period) ?? 0
            screen.period = presets[(i + presets.count - 1) % presets.count]
        case .char("s"), .tab:
            screen.scope = scopes[((scopes.firstIndex(of: screen.scope) ?? -1) + 1) % scopes.count]
        case .char("S"), .backTab:
            let i = scopes.firstIndex(of: screen.scope) ?? 0
            screen.scope = scopes[(i + scopes.count - 1) % scopes.count]
        case .char("r"):
            screen.rangeInput = ""
            screen.scroll = 0
            mode = .analytics(screen)
            return []
        case .char("j"), .down: screen.scroll += 1
        case .char("k"), .up: screen.scroll = max(0, screen.scroll - 1)
        case .pageDown, .char(" "): screen.scroll += max(1, size.height - 6)
        case .pageUp: screen.scroll = max(0, screen.scroll - max(1, size.height - 6))
        case .char("g"), .home: screen.scroll = 0
        case .char("G"), .end: screen.scroll = Int.max / 2
        default:
            mode = .analytics(screen)
            return []
        }
        recompute(&screen)
        // Scrolling stops where the last line reaches the bottom.
        let body = Layout(size: size, focus: focus).body
        let count = AnalyticsView.lines(self, screen, width: body.width - 2).count
        screen.scroll = min(screen.scroll, max(0, count - body.height))
        mode = .analytics(screen)
        return []
    }

    /// "2026-10-01 2026-10-31": both days included.
    private func applyRange(_ text: String, _ screen: inout AnalyticsScreen) {
        let parts = text.split(separator: " ").map(String.init)
        let choice = parts.count == 2 ? PeriodChoice.range(from: parts[0], to: parts[1]) : nil
        guard let choice, choice.interval(now: now, calendar: workspace.config.calendar) != nil else {
            screen.problem = "write two days, first to last, like 2026-10-01 2026-10-31"
            return
        }
        screen.rangeInput = nil
        screen.period = choice
        screen.scroll = 0
        recompute(&screen)
    }
}
