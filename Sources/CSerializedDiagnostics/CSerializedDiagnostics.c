#include "CSerializedDiagnostics.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The few libclang declarations needed, as in clang-c/Index.h and CXString.h
// (the toolchain ships libclang.so but not its headers).
typedef struct { const void *data; unsigned private_flags; } CXString;
typedef struct { const void *ptr_data[2]; unsigned int_data; } CXSourceLocation;
typedef struct { const void *ptr_data[2]; unsigned begin_int_data; unsigned end_int_data; } CXSourceRange;
typedef void *CXDiagnostic;
typedef void *CXDiagnosticSet;
typedef void *CXFile;

static struct {
    CXDiagnosticSet (*load)(const char *, int *, CXString *);
    unsigned (*count)(CXDiagnosticSet);
    CXDiagnostic (*at)(CXDiagnosticSet, unsigned);
    CXDiagnosticSet (*children)(CXDiagnostic);
    int (*severity)(CXDiagnostic);
    CXString (*spelling)(CXDiagnostic);
    CXSourceLocation (*location)(CXDiagnostic);
    void (*spelling_location)(CXSourceLocation, CXFile *, unsigned *, unsigned *, unsigned *);
    CXString (*file_name)(CXFile);
    unsigned (*fixit_count)(CXDiagnostic);
    CXString (*fixit)(CXDiagnostic, unsigned, CXSourceRange *);
    CXSourceLocation (*range_start)(CXSourceRange);
    CXSourceLocation (*range_end)(CXSourceRange);
    const char *(*c_string)(CXString);
    void (*dispose_string)(CXString);
    void (*dispose_set)(CXDiagnosticSet);
} clang;

typedef struct { char *text; size_t length, capacity; } Buffer;

static void append(Buffer *buffer, const char *text, int escape) {
    for (const char *c = text ? text : ""; *c; c++) {
        const char *piece = NULL;
        char single[2] = { *c, 0 };
        if (escape && *c == '\t') piece = "\\t";
        else if (escape && *c == '\n') piece = "\\n";
        else if (escape && *c == '\\') piece = "\\\\";
        else piece = single;
        size_t n = strlen(piece);
        if (buffer->length + n + 1 > buffer->capacity) {
            buffer->capacity = (buffer->capacity + n + 1) * 2;
            buffer->text = realloc(buffer->text, buffer->capacity);
        }
        memcpy(buffer->text + buffer->length, piece, n);
        buffer->length += n;
        buffer->text[buffer->length] = 0;
    }
}

static void append_location(Buffer *buffer, CXSourceLocation location) {
    CXFile file = NULL;
    unsigned line = 0, column = 0, offset = 0;
    clang.spelling_location(location, &file, &line, &column, &offset);
    CXString name = clang.file_name(file);
    char numbers[64];
    append(buffer, "\t", 0);
    append(buffer, clang.c_string(name), 1);
    snprintf(numbers, sizeof numbers, "\t%u\t%u", line, column);
    append(buffer, numbers, 0);
    clang.dispose_string(name);
}

static void append_diagnostic(Buffer *buffer, CXDiagnostic diagnostic, const char *kind) {
    static const char *severities[] = { "ignored", "note", "warning", "error", "error" };
    int severity = clang.severity(diagnostic);
    append(buffer, kind, 0);
    append(buffer, "\t", 0);
    append(buffer, severities[severity >= 0 && severity <= 4 ? severity : 3], 0);
    append_location(buffer, clang.location(diagnostic));
    CXString message = clang.spelling(diagnostic);
    append(buffer, "\t", 0);
    append(buffer, clang.c_string(message), 1);
    append(buffer, "\n", 0);
    clang.dispose_string(message);
    for (unsigned i = 0; i < clang.fixit_count(diagnostic); i++) {
        CXSourceRange range;
        CXString replacement = clang.fixit(diagnostic, i, &range);
        append(buffer, "F", 0);
        append_location(buffer, clang.range_start(range));
        CXFile file = NULL;
        unsigned line = 0, column = 0, offset = 0;
        clang.spelling_location(clang.range_end(range), &file, &line, &column, &offset);
        char numbers[64];
        snprintf(numbers, sizeof numbers, "\t%u\t%u\t", line, column);
        append(buffer, numbers, 0);
        append(buffer, clang.c_string(replacement), 1);
        append(buffer, "\n", 0);
        clang.dispose_string(replacement);
    }
}

#define LOAD(field, symbol) if (!(*(void **)&clang.field = dlsym(handle, symbol))) return NULL

char *nbrun_read_serialized_diagnostics(const char *libclang_path, const char *dia_path) {
    void *handle = dlopen(libclang_path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) return NULL;
    LOAD(load, "clang_loadDiagnostics");
    LOAD(count, "clang_getNumDiagnosticsInSet");
    LOAD(at, "clang_getDiagnosticInSet");
    LOAD(children, "clang_getChildDiagnostics");
    LOAD(severity, "clang_getDiagnosticSeverity");
    LOAD(spelling, "clang_getDiagnosticSpelling");
    LOAD(location, "clang_getDiagnosticLocation");
    LOAD(spelling_location, "clang_getSpellingLocation");
    LOAD(file_name, "clang_getFileName");
    LOAD(fixit_count, "clang_getDiagnosticNumFixIts");
    LOAD(fixit, "clang_getDiagnosticFixIt");
    LOAD(range_start, "clang_getRangeStart");
    LOAD(range_end, "clang_getRangeEnd");
    LOAD(c_string, "clang_getCString");
    LOAD(dispose_string, "clang_disposeString");
    LOAD(dispose_set, "clang_disposeDiagnosticSet");

    int error = 0;
    CXString error_text = { 0, 0 };
    CXDiagnosticSet set = clang.load(dia_path, &error, &error_text);
    if (error_text.data) clang.dispose_string(error_text);
    if (!set) return NULL;
    Buffer buffer = { calloc(1, 1), 0, 1 };
    for (unsigned i = 0; i < clang.count(set); i++) {
        CXDiagnostic diagnostic = clang.at(set, i);
        append_diagnostic(&buffer, diagnostic, "D");
        CXDiagnosticSet notes = clang.children(diagnostic);
        for (unsigned j = 0; notes && j < clang.count(notes); j++) {
            append_diagnostic(&buffer, clang.at(notes, j), "N");
        }
    }
    clang.dispose_set(set);
    return buffer.text;
}
