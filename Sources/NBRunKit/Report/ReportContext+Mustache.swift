import Mustache

// Templates read the context by name. Each type answers for its own fields (the list
// below is the fields in order; TemplateContractTests checks that it stays so), which
// spares swift-mustache a Mirror of every value on every lookup: that reflection took
// a seventh of a warm run.

extension ReportContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "file": self.file
        case "lang": self.lang
        case "printTitle": self.printTitle
        case "blocks": self.blocks
        case "cells": self.cells
        case "ok": self.ok
        case "status": self.status
        case "version": self.version
        case "generated": self.generated
        case "date": self.date
        case "toc": self.toc
        case "hasTOC": self.hasTOC
        case "style": self.style
        case "katexStyle": self.katexStyle
        case "katexScript": self.katexScript
        case "contentSecurityPolicy": self.contentSecurityPolicy
        case "head": self.head
        case "body": self.body
        case "handout": self.handout
        default: nil
        }
    }
}

extension BlockContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "prose": self.prose
        case "cell": self.cell
        default: nil
        }
    }
}

extension ProseContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "markdown": self.markdown
        case "html": self.html
        default: nil
        }
    }
}

extension TOCEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "level": self.level
        case "text": self.text
        case "html": self.html
        case "anchor": self.anchor
        case "isSub": self.isSub
        default: nil
        }
    }
}

extension CellContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": self.index
        case "line": self.line
        case "id": self.id
        case "label": self.label
        case "status": self.status
        case "isOK": self.isOK
        case "isError": self.isError
        case "isNotRun": self.isNotRun
        case "isSkipped": self.isSkipped
        case "isExpectedError": self.isExpectedError
        case "isExercise": self.isExercise
        case "reason": self.reason
        case "rerunDiffers": self.rerunDiffers
        case "echo": self.echo
        case "source": self.source
        case "fence": self.fence
        case "sourceLines": self.sourceLines
        case "stdout": self.stdout
        case "stdoutFence": self.stdoutFence
        case "stderr": self.stderr
        case "stderrFence": self.stderrFence
        case "expectedOutput": self.expectedOutput
        case "expectedOutputFence": self.expectedOutputFence
        case "check": self.check
        case "error": self.error
        case "hasTensors": self.hasTensors
        case "tensors": self.tensors
        case "hasFigures": self.hasFigures
        case "figures": self.figures
        case "hasExpectedFigures": self.hasExpectedFigures
        case "expectedFigures": self.expectedFigures
        case "isLong": self.isLong
        case "reuse": self.reuse
        case "reuseNote": self.reuseNote
        default: nil
        }
    }
}

extension FigureContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "svg": self.svg
        case "caption": self.caption
        case "file": self.file
        default: nil
        }
    }
}

extension SourceLineContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "html": self.html
        case "isError": self.isError
        default: nil
        }
    }
}

extension CheckContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "matched": self.matched
        case "line": self.line
        case "location": self.location
        case "reason": self.reason
        default: nil
        }
    }
}

extension ErrorContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "message": self.message
        case "location": self.location
        case "line": self.line
        case "sourceLine": self.sourceLine
        case "isExpected": self.isExpected
        case "details": self.details
        case "callers": self.callers
        case "hasCallers": self.hasCallers
        default: nil
        }
    }
}

extension CallerContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "location": self.location
        case "line": self.line
        case "sourceLine": self.sourceLine
        default: nil
        }
    }
}

extension TensorContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "shape": self.shape
        case "dtype": self.dtype
        case "size": self.size
        case "isSummarized": self.isSummarized
        case "text": self.text
        case "inline": self.inline
        case "allValues": self.allValues
        case "valuesInJSONOnly": self.valuesInJSONOnly
        case "matrix": self.matrix
        case "matrixHTML": self.matrixHTML
        default: nil
        }
    }
}
