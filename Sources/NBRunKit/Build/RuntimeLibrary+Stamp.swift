import Foundation
import RuntimeBuildSpec

/// The stamp beside a runtime library, and the check that the library is still what it says.
///
/// The stamp (`nbrun-runtime.stamp`) starts with how the library was built (flags, the
/// runtime sources' digest, the swiftc) and then lists every file of the library with its
/// size and digest: `file SIZE FNV1A64 PATH`, as ``RuntimeBuildSpec`` writes them for both
/// nbrun and the build tool that prebuilds the library. A library copied from a full disk, cut short
/// by a killed copy, or deleted by hand no longer matches it, and is built or copied again
/// instead of failing every link with a message that means nothing.
extension RuntimeLibrary {
    static var stampName: String { RuntimeBuildSpec.stampName }

    /// One file of the library, as the stamp lists it.
    struct StampedFile: Equatable, Sendable {
        /// The path under the library's folder.
        var path: String
        var size: Int
        var digest: String

        var line: String { RuntimeBuildSpec.fileLine(path: path, size: size, digest: digest) }
    }

    /// The files of the library in `folder` (everything but the stamp), sorted by path.
    static func files(in folder: URL) -> [StampedFile] {
        RuntimeBuildSpec.libraryFiles(in: folder).compactMap { path in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
                return nil
            }
            return StampedFile(path: path, size: data.count, digest: digest(of: data))
        }
    }

    /// The files a stamp lists; empty for a stamp from before files were listed.
    static func stampedFiles(in stamp: String) -> [StampedFile] {
        stamp.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 3)
            guard parts.count == 4, parts[0] == "file", let size = Int(parts[1]) else { return nil }
            return StampedFile(path: String(parts[3]), size: size, digest: String(parts[2]))
        }
    }

    /// FNV-1a over the bytes, as `EmbedResources` digests the library it prebuilds.
    static func digest(of data: Data) -> String { FNV1a.digest(of: data) }

    /// Whether the library in `folder` is whole: its stamp lists the library and its module,
    /// and every file it lists is there with its size (and, when `thorough`, its digest).
    ///
    /// Sizes cost a `stat` each and are checked before every run; digests read about 2 MB
    /// and are checked before every compile, when a link would otherwise fail.
    static func isWhole(_ folder: URL, thorough: Bool) -> Bool {
        guard
            let stamp = try? String(contentsOf: folder.appendingPathComponent(stampName), encoding: .utf8)
        else { return false }
        let listed = stampedFiles(in: stamp)
        let paths = Set(listed.map(\.path))
        guard paths.contains(RuntimeBuildSpec.libraryName), paths.contains(RuntimeBuildSpec.modulePath) else {
            return false
        }
        return listed.allSatisfy { file in
            let url = folder.appendingPathComponent(file.path)
            if !thorough {
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber
                return size?.intValue == file.size
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { return false }
            return data.count == file.size && digest(of: data) == file.digest
        }
    }

    /// The stamp for the library built in `folder`: `header`, then its files.
    static func writeStamp(header: String, for folder: URL) throws {
        let text = header + files(in: folder).map(\.line).joined()
        try Data(text.utf8).write(to: folder.appendingPathComponent(stampName))
    }
}
