import EarshotConsole
import EarshotCore
import Terminal
import TestSupport

// Shared by the console suites: a state on the fixture workspace, and typing into it.

func state(as login: String = "aisha", size: Size = Size(width: 80, height: 24), ws: Workspace = Fixture.workspace()) -> AppState {
    AppState(workspace: ws, me: ws.member(login)!, now: Fixture.now, size: size)
}

func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { state.update(.key($0)) }
}

func type(_ state: inout AppState, _ text: String) {
    for c in text { _ = state.update(.key(.char(c))) }
}
