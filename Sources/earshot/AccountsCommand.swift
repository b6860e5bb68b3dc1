import ArgumentParser
import EarshotConnect
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot accounts add|list|remove|test`.
struct Accounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Configure the platform accounts that fetch (and later deliver) comments.",
        subcommands: [Add.self, List.self, Remove.self, Test.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; its token or app password is read from standard input or a file, never from the command line."
        )
        @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path")) var store: String?
        @Argument(help: "A short name, e.g. mastodon-main (the journal shows fetch:NAME).") var name: String
        @Option(name: .long, help: "mastodon, bluesky, wordpress, feed, facebook or x.") var platform: String
        @Option(name: .long, help: ArgumentHelp("Instance or API address, or the feed's URL.", valueName: "url")) var instance: String
        @Option(name: .long, help: "Inbox channel it feeds (default from the platform).") var channel: String?
        @Option(name: .long, help: "Branch id its items are routed to.") var branch: String?
        @Option(name: .long, help: "Handle, user name, Page id or user id, as the platform needs.") var login: String?
        @Option(name: .long, help: ArgumentHelp("Read the secret from this file (delete the file afterwards).", valueName: "path")) var secretFile: String?
        @Flag(name: .long, help: "Read the secret from standard input.") var secretStdin = false

        func run() throws {
            let opened = try openStore(store)
            guard let p = Platform(rawValue: platform.lowercased()) else {
                throw UserError("platform '\(platform)' is not one of \(Platform.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var ch: Channel?
            if let channel {
                guard let c = Channel(rawValue: channel.lowercased()) else { throw UserError("no channel '\(channel)'") }
                ch = c
            }
            if let branch, opened.workspace.config.branch(branch) == nil {
                throw UserError("no branch '\(branch)' in store.json; there are: \(opened.workspace.config.branches.map(\.id).joined(separator: ", "))")
            }
            var secret: Data?
            if secretStdin { secret = FileHandle.standardInput.readDataToEndOfFile() }
            if let secretFile {
                guard let data = FileManager.default.contents(atPath: secretFile) else { throw UserError("cannot read \(secretFile)") }
                secret = data
            }
            if let s = secret, String(decoding: s, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { secret = nil }
            if p.needsSecret, secret == nil {
                throw UserError("\(p.rawValue) needs a token or app password: pipe it in with --secret-stdin or give --secret-file")
            }
            let account = Account(name: name, platform: p, instance: instance, channel: ch, branch: branch, login: login)
            do { try AccountBook(files: opened.files).add(account, secret: secret) } catch { throw UserError("\(error)") }
            say("added \(name) (\(p.rawValue) at \(instance), channel \(account.channel.rawValue)\(branch.map { ", branch \($0)" } ?? "")); test it with `earshot accounts test \(name)`")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts with masked secrets and their last fetch.")
        @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path")) var store: String?

        func run() throws {
            let opened = try openStore(store)
            let book = AccountBook(files: opened.files)
            let accounts: [Account]
            do { accounts = try book.accounts() } catch { throw UserError("\(error)") }
            if accounts.isEmpty { say("no accounts; add one with `earshot accounts add`") }
            let status = Dictionary(FetchState.summary(opened.files, now: Date()).map { line in
                (String(line.prefix(while: { $0 != ":" })), line) }, uniquingKeysWith: { a, _ in a })
            for a in accounts {
                let secret: String
                do { secret = AccountBook.mask(try book.secret(a.name)) } catch { secret = "UNUSABLE: \(error)" }
                say("\(a.name)  \(a.platform.rawValue)  \(a.instance)  channel \(a.channel.rawValue)  branch \(a.branch ?? "-")  login \(a.login ?? "-")  secret \(secret)")
                if let line = status[a.name] { say("    \(line)") }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account and delete its secret files.")
        @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path")) var store: String?
        @Argument var name: String

        func run() throws {
            let opened = try openStore(store)
            do { try AccountBook(files: opened.files).remove(name) } catch { throw UserError("\(error)") }
            say("removed \(name) and its secret")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make one signed-in request to prove the account works.")
        @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path")) var store: String?
        @Argument var name: String

        func run() throws {
            let opened = try openStore(store)
            let book = AccountBook(files: opened.files)
            do {
                let account = try book.account(name)
                let runner = FetchRunner(store: opened, http: Polite(client: URLSessionClient(), retries: 1))
                say("\(name): works, signed in as \(try runner.test(account))")
            } catch {
                // The platform's own words are in the error: neutralised like any text from outside.
                throw UserError(Sanitizer.clean("\(name): \(error)"))
            }
        }
    }
}
