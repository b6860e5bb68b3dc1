import ArgumentParser
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot keys`: which SSH key is which login, in the service account's
/// `~/.ssh/authorized_keys` (the service-account deployment; see the README).
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the SSH keys that reach the console as a login (run as the service account).",
        subcommands: [Add.self, Remove.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let the key in PUBKEY-FILE open the console as LOGIN.")

        @Option(name: .long, help: ArgumentHelp("The store directory (written into the key's line when given).", valueName: "path"))
        var store: String?

        @Argument(help: "A login in the store's staff.json.")
        var login: String

        @Argument(help: ArgumentHelp("The person's public key file (id_ed25519.pub).", valueName: "pubkey-file"))
        var pubkeyFile: String

        func run() throws {
            let site = try KeysSite(store: store)
            try site.requireStaff(login)
            let key: AuthorizedKeys.PublicKey
            do {
                key = try AuthorizedKeys.PublicKey(parsing: String(decoding: try Data(contentsOf: URL(fileURLWithPath: pubkeyFile)), as: UTF8.self))
            } catch let error as KeysError {
                throw UserError("\(Sanitizer.clean(pubkeyFile)): \(error)")
            } catch {
                throw UserError("Cannot read \(Sanitizer.clean(pubkeyFile)): \(error.localizedDescription)")
            }
            var file = try site.load()
            do {
                guard try file.add(login: login, key: key) else {
                    print("\(login) already has this key; nothing changed.")
                    return
                }
            } catch {
                throw UserError("\(error); nothing changed.")
            }
            try site.save(file)
            print("Added a \(key.type) key for \(login) to \(site.file.path).")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove every key of LOGIN.")

        @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
        var store: String?

        @Argument(help: "The login whose keys go.")
        var login: String

        func run() throws {
            let site = try KeysSite(store: store)
            var file = try site.load()
            let removed = file.remove(login: login)
            guard removed > 0 else {
                print("\(Sanitizer.clean(login)) has no key in \(site.file.path); nothing changed.")
                return
            }
            try site.save(file)
            print("Removed \(removed) key\(removed == 1 ? "" : "s") of \(Sanitizer.clean(login)).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print each key's login, type and comment.")

        @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
        var store: String?

        func run() throws {
            let site = try KeysSite(store: store)
            let file = try site.load()
            if file.entries.isEmpty { print("No keys in \(site.file.path) yet; add one with `earshot keys add LOGIN FILE`.") }
            for entry in file.entries {
                print([entry.login, entry.key.type, "…" + entry.key.blob.suffix(12), entry.key.comment]
                    .map(Sanitizer.clean).joined(separator: "  "))
            }
        }
    }
}

/// Where the keys go and what each key's line runs.
struct KeysSite {
    let file: URL
    let storeFlag: String?
    let storeURL: URL
    let executable: String

    init(store: String?) throws {
        guard let pw = getpwuid(geteuid()), let dir = pw.pointee.pw_dir else {
            throw UserError("Cannot tell this account's home directory.")
        }
        file = URL(fileURLWithPath: String(cString: dir)).appendingPathComponent(".ssh/authorized_keys")
        storeFlag = store.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        storeURL = StoreSetup.location(flag: storeFlag, environment: ProcessInfo.processInfo.environment).url
        executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        // The line is `command="…"`: only plain path characters, so nothing needs quoting.
        for path in [executable] + (storeFlag.map { [$0] } ?? []) where !KeysSite.isPlain(path) {
            throw UserError("\(Sanitizer.clean(path)) has characters that cannot go in an authorized_keys command; move it to a plain path.")
        }
    }

    static func isPlain(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789/._+-".unicodeScalars.contains($0)) }
    }

    func requireStaff(_ login: String) throws {
        let ws: Workspace
        do {
            ws = try Store(at: storeURL).workspace
        } catch {
            throw UserError("\(error)")
        }
        guard KeysSite.isPlain(login), !login.contains("/"), ws.member(login) != nil else {
            throw UserError("'\(Sanitizer.clean(login))' is not in \(storeURL.path)/staff.json; add the person there first. Nothing changed.")
        }
    }

    func load() throws -> AuthorizedKeys {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        do {
            return try AuthorizedKeys(text: text)
        } catch {
            throw UserError("\(file.path): \(error)")
        }
    }

    func save(_ keys: AuthorizedKeys) throws {
        let command: (String) -> String = { login in
            ([executable, "shell"] + (storeFlag.map { ["--store", $0] } ?? []) + [login]).joined(separator: " ")
        }
        do {
            try AuthorizedKeys.write(keys.render(command: command), to: file)
        } catch {
            throw UserError("Cannot write \(file.path): \(error)")
        }
    }
}
