import EarshotCore
import Foundation

/// Reads store.json so that one bad setting (a mistyped channel name in
/// `draftChannels`) is reported with its JSON path and ignored, instead of stopping
/// the whole store from opening. Settings the store cannot do without (format,
/// version, organisation, a whole top-level block of the wrong type) still stop it.
enum ConfigReader {
    static func decode(_ data: Data) throws -> (config: StoreConfig, ignored: [String]) {
        let decoder = JSONFormat.decoder()
        if let config = try? decoder.decode(StoreConfig.self, from: data) { return (config, []) }
        guard var tree = try? JSONSerialization.jsonObject(with: data) else {
            return (try JSONFormat.decode(StoreConfig.self, from: data, file: "store.json"), [])
        }
        var ignored: [String] = []
        // Each pass drops one bad value; a file with more than a few is not worth guessing at.
        for _ in 0..<20 {
            let attempt = try JSONSerialization.data(withJSONObject: tree)
            do {
                return (try decoder.decode(StoreConfig.self, from: attempt), ignored)
            } catch let error as DecodingError {
                guard let context = context(of: error), context.codingPath.count >= 2,
                      let pruned = removing(context.codingPath, from: tree)
                else { break }
                tree = pruned
                let reason = context.debugDescription.lowercasedFirst.trimmingCharacters(in: CharacterSet(charactersIn: "."))
                ignored.append("store.json: the setting at \(path(context.codingPath)) is ignored (\(reason)); fix it and reopen")
            }
        }
        return (try JSONFormat.decode(StoreConfig.self, from: data, file: "store.json"), ignored)
    }

    private static func context(of error: DecodingError) -> DecodingError.Context? {
        switch error {
        case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c): c
        case .keyNotFound: nil
        @unknown default: nil
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// `tree` without the value at `keys`; nil when the path is not there.
    private static func removing(_ keys: [any CodingKey], from tree: Any) -> Any? {
        guard let key = keys.first else { return nil }
        let rest = Array(keys.dropFirst())
        if var array = tree as? [Any], let index = key.intValue, array.indices.contains(index) {
            if rest.isEmpty { array.remove(at: index); return array }
            guard let inner = removing(rest, from: array[index]) else { return nil }
            array[index] = inner
            return array
        }
        if var object = tree as? [String: Any], let value = object[key.stringValue] {
            if rest.isEmpty { object[key.stringValue] = nil; return object }
            guard let inner = removing(rest, from: value) else { return nil }
            object[key.stringValue] = inner
            return object
        }
        return nil
    }
}
