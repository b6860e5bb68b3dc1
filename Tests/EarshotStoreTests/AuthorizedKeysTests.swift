import EarshotStore
import Foundation
import Testing

/// The marked block `earshot keys` keeps in the service account's authorized_keys.
@Suite struct AuthorizedKeysTests {
    static let aisha = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILVq2KZpO9zMxL80ajfPjlnurGDFpC+uNxaOTnk5k6Hh aisha@laptop\n"
    static let priya = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMoBn81DWwwZz2yKCMtFuwdUIskM78s6zGJUnUg93uSc\n"
    static let command: @Sendable (String) -> String = { "/usr/bin/earshot shell \($0)" }

    func key(_ text: String) throws -> AuthorizedKeys.PublicKey { try AuthorizedKeys.PublicKey(parsing: text) }

    @Test func eachKeyGetsARestrictedLineForItsLoginAndOtherLinesStayAsTheyWere() throws {
        let outside = "# the admin's own key\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKqzHZbhD1lA5X4ApsnF5ouE6VCb2wItU0lZ8d9Z5Hx1 admin\n"
        var file = try AuthorizedKeys(text: outside)
        #expect(try file.add(login: "aisha", key: key(Self.aisha)))
        #expect(try file.add(login: "priya", key: key(Self.priya)))
        let text = file.render(command: Self.command)
        #expect(text.hasPrefix(outside))
        #expect(text.contains("\nrestrict,pty,command=\"/usr/bin/earshot shell aisha\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILVq2KZpO9zMxL80ajfPjlnurGDFpC+uNxaOTnk5k6Hh aisha@laptop\n"))
        #expect(text.contains("\nrestrict,pty,command=\"/usr/bin/earshot shell priya\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMoBn81DWwwZz2yKCMtFuwdUIskM78s6zGJUnUg93uSc\n"))
        // Read back, the block round-trips.
        let again = try AuthorizedKeys(text: text)
        #expect(again.entries.map(\.login) == ["aisha", "priya"])
        #expect(again.render(command: Self.command) == text)
    }

    @Test func aKeyMapsToOneLoginOnly() throws {
        var file = try AuthorizedKeys(text: "")
        #expect(try file.add(login: "aisha", key: key(Self.aisha)))
        #expect(try file.add(login: "aisha", key: key(Self.aisha)) == false)
        #expect(throws: KeysError.self) { try file.add(login: "priya", key: key(Self.aisha)) }
        #expect(file.entries.count == 1)
    }

    @Test func aKeyThatAlreadyHasAShellLineOutsideTheBlockIsRefused() throws {
        var file = try AuthorizedKeys(text: Self.aisha)
        #expect(throws: KeysError.self) { try file.add(login: "aisha", key: key(Self.aisha)) }
    }

    @Test func removingALoginTakesAllItsKeysAndKeepsTheRest() throws {
        var file = try AuthorizedKeys(text: "# mine\n")
        _ = try file.add(login: "aisha", key: key(Self.aisha))
        _ = try file.add(login: "priya", key: key(Self.priya))
        #expect(file.remove(login: "aisha") == 1)
        #expect(file.remove(login: "aisha") == 0)
        #expect(file.entries.map(\.login) == ["priya"])
        #expect(file.remove(login: "priya") == 1)
        #expect(file.render(command: Self.command) == "# mine\n")
    }

    @Test func onlyAPlainPublicKeyIsAccepted() throws {
        for bad in [
            "command=\"sh\" " + Self.aisha,                 // options
            Self.aisha + Self.priya,                      // two keys
            "ssh-ed25519 bm90IGEga2V5\n",                 // not key data
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n",
        ] {
            #expect(throws: KeysError.self, "\(bad)") { try key(bad) }
        }
        // A comment cannot carry a quote or a newline into the line.
        let sneaky = try key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILVq2KZpO9zMxL80ajfPjlnurGDFpC+uNxaOTnk5k6Hh a\"b\u{1b}c")
        #expect(sneaky.comment == "abc")
    }
}
