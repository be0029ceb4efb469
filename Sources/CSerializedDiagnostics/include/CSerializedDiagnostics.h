#ifndef NBRUN_CSERIALIZEDDIAGNOSTICS_H
#define NBRUN_CSERIALIZEDDIAGNOSTICS_H

/// Reads a serialized diagnostics file (`.dia`, as swiftc writes with
/// `-serialize-diagnostics-path`) through libclang, opened at `libclang_path`.
///
/// Returns a malloc'd text, one record a line, fields separated by tabs:
///   D <severity> <file> <line> <column> <message>      a diagnostic
///   N <severity> <file> <line> <column> <message>      a note of the diagnostic before
///   F <file> <line> <column> <end line> <end column> <replacement>   a fix-it of it
/// Tabs and newlines in messages and replacements are written as \t and \n.
/// Returns NULL when libclang can't be opened or the file can't be read; the
/// caller frees the text.
char *nbrun_read_serialized_diagnostics(const char *libclang_path, const char *dia_path);

#endif
