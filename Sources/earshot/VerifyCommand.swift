import ArgumentParser
import EarshotStore
import Foundation
import Terminal

/// `earshot verify`: the whole hash chain, the snapshot's head and every signed checkpoint.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the journal's hash chain end to end, the snapshot's head and the signed checkpoints; name the first bad line.",
        discussion: "Reads only: it writes nothing and needs no write access to the store."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("A checkpoint file kept off the host, checked as well as those in the store.", valueName: "file"))
    var checkpoint: [String] = []

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        let report: ChainCheck.Report
        do {
            report = try ChainCheck(root: location.url).run(extraCheckpoints: checkpoint.map { URL(fileURLWithPath: $0) })
        } catch {
            throw UserError(Sanitizer.clean("\(error)"))
        }
        // Messages quote actors and file names from the store: hostile text is neutralised.
        for problem in report.problems { print("problem: \(Sanitizer.clean(problem))") }
        for note in report.notes { print("note: \(Sanitizer.clean(note))") }
        if report.ok {
            print("\(Sanitizer.clean(location.url.path)): chain ok, \(report.events) events, \(report.checkpointsChecked) checkpoint(s) checked")
        } else {
            throw ExitCode(1)
        }
    }
}

/// `earshot checkpoint`: sign the chain's current head with the store's key.
struct SignCheckpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign the journal's current head (seq and hash) with the store's Ed25519 key; copy the file off the host.",
        discussion: "The key is keys/checkpoint.ed25519 in the store, created readable by its owner only on first use."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        do {
            let url = try Store(at: location.url).checkpoint(now: Date())
            print("signed \(Sanitizer.clean(url.path))")
        } catch {
            throw UserError(Sanitizer.clean("\(error)"))
        }
    }
}

/// `earshot migrate`: bring an older store to this Earshot's format, keeping copies.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upgrade an older store's files to this Earshot's format; the old files are kept in migrations/.",
        discussion: "Close every session on the store first. Version 1 → 2 adds the journal's hash chain."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        do {
            let outcome = try Migration.run(root: location.url, actor: NSUserName(), now: Date())
            guard let backup = outcome.backup else {
                print("already format version \(outcome.to); nothing was changed")
                return
            }
            print("migrated from format \(outcome.from) to \(outcome.to): \(outcome.events) events chained; the old files are in \(Sanitizer.clean(backup))")
        } catch {
            throw UserError(Sanitizer.clean("\(error)"))
        }
    }
}
