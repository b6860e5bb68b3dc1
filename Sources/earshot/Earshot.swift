import ArgumentParser
import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation

struct Earshot: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "earshot",
        abstract: "A keyboard-only console for moderating a library service's social media.",
        discussion: """
            Without a verb, opens the console on the store given by --store, $EARSHOT_STORE, \
            or $XDG_DATA_HOME/earshot (~/.local/share/earshot).
            """,
        version: version,
        subcommands: [
            Open.self, Init.self, Fsck.self, Publish.self, Audit.self, Keys.self, Shell.self,
            Verify.self, SignCheckpoint.self, Migrate.self, Compact.self, ReportVerb.self,
            Receive.self, Fetch.self, Accounts.self, Import.self, RulesCommand.self, Deliver.self,
        ],
        defaultSubcommand: Open.self
    )
}

/// Failures before the screen is taken over: printed plainly, exit status 1.
struct UserError: Error, CustomStringConvertible {
    var description: String
    /// Messages can quote files and text from the public: never raw to the terminal.
    init(_ text: String) { description = TerminalSafe.text(text) }
}
