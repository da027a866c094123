package dev.stagefarm.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static RawDockerfile parse(String text) {
        return DockerfileParser.parse("Dockerfile", text);
    }

    private static String dump(String text) {
        return AstDump.render(parse(text));
    }

    private static RawInstruction only(String text) {
        List<RawInstruction> instructions = parse(text).instructions();
        assertThat(instructions).hasSize(1);
        return instructions.get(0);
    }

    private static StagefarmException failure(String text) {
        try {
            parse(text);
        } catch (StagefarmException e) {
            assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_SYNTAX);
            assertThat(e.subject()).isEqualTo("Dockerfile:" + e.line());
            return e;
        }
        throw new AssertionError("expected a syntax error for: " + text);
    }

    @Test
    void keepsKeywordCaseButLowerCasesItInTheDump() {
        RawInstruction from = only("From Alpine:3.20 AS Builder\n");
        assertThat(from.keyword()).isEqualTo("From");
        assertThat(from.args()).containsExactly("Alpine:3.20", "AS", "Builder");
        assertThat(dump("From Alpine AS B\n")).isEqualTo("(from \"Alpine\" \"AS\" \"B\")\n");
    }

    @Test
    void continuationKeepsTheIndentationOfTheNextLine() {
        assertThat(only("RUN echo hello\\\n  world\n").args()).containsExactly("echo hello  world");
        assertThat(only("RUN echo good\\\nbye\\\nfrog\n").args()).containsExactly("echo goodbyefrog");
    }

    @Test
    void continuationAllowsTrailingBlanksAfterTheEscape() {
        RawInstruction run = only("RUN a \\  \t\n b\n");
        assertThat(run.args()).containsExactly("a  b");
        assertThat(run.startLine()).isEqualTo(1);
        assertThat(run.endLine()).isEqualTo(2);
    }

    @Test
    void doubleEscapeDoesNotContinue() {
        List<RawInstruction> instructions = parse("ENV C trailing\\\\\nENV D next\n").instructions();
        assertThat(instructions).hasSize(2);
        assertThat(instructions.get(0).args()).containsExactly("C", "trailing\\\\", "");
    }

    @Test
    void commentsAndBlankLinesInsideAContinuationAreSkippedAndBlanksWarn() {
        RawDockerfile file = parse("RUN echo a \\\n  # a comment\n\n    b\n");
        assertThat(file.instructions().get(0).args()).containsExactly("echo a     b");
        assertThat(file.instructions().get(0).endLine()).isEqualTo(4);
        assertThat(file.warnings()).containsExactly("Empty continuation line found in: RUN echo a     b");
    }

    @Test
    void commentInsideContinuationAloneDoesNotWarn() {
        assertThat(parse("RUN a \\\n# c\n b\n").warnings()).isEmpty();
    }

    @Test
    void continuationAtEndOfFileEndsTheInstruction() {
        RawInstruction run = only("RUN echo hi \\");
        assertThat(run.args()).containsExactly("echo hi");
    }

    @Test
    void lineOfOnlyTheEscapeCharacterContinues() {
        assertThat(only("ENV E hello\\\n\\\nworld\n").args()).containsExactly("E", "helloworld", "");
    }

    @Test
    void dropsByteOrderMarkAndAcceptsCrlf() {
        RawDockerfile file = parse("\uFEFF# escape=`\r\n\r\nFROM x\r\nRUN a `\r\n  b\r\n");
        assertThat(file.escape()).isEqualTo('`');
        assertThat(file.directives()).containsEntry("escape", "`");
        assertThat(file.instructions().get(1).args()).containsExactly("a   b");
        assertThat(file.instructions().get(1).endLine()).isEqualTo(5);
    }

    @Test
    void backtickEscapeMakesBackslashesPlain() {
        RawDockerfile file = parse("# escape=`\nFROM x\nCOPY C:\\app\\ C:\\out\\\nENV Q=\"a`\"b\"\n");
        assertThat(file.instructions().get(1).args()).containsExactly("C:\\app\\", "C:\\out\\");
        assertThat(file.instructions().get(2).args()).containsExactly("Q", "\"a`\"b\"", "=");
    }

    @Test
    void readsDirectivesCaseInsensitivelyOnlyInTheLeadingBlock() {
        RawDockerfile file = parse("# SYNTAX = docker/dockerfile:1\n#check=skip=all\nFROM x\n# escape=`\n");
        assertThat(file.directives()).containsEntry("syntax", "docker/dockerfile:1").containsEntry("check", "skip=all");
        assertThat(file.escape()).isEqualTo('\\');
    }

    @Test
    void escapeDirectiveAfterACommentIsJustAComment() {
        RawDockerfile file = parse("# hello\n# escape=`\nFROM x\n");
        assertThat(file.escape()).isEqualTo('\\');
        assertThat(file.directives()).isEmpty();
    }

    @Test
    void escapeDirectiveAfterABlankLineIsJustAComment() {
        assertThat(parse("\n# escape=`\nFROM x\n").escape()).isEqualTo('\\');
    }

    @Test
    void repeatedDirectiveIsAnErrorOnItsLine() {
        StagefarmException e = failure("# syntax=a\n# Syntax=b\nFROM x\n");
        assertThat(e.getMessage()).isEqualTo("only one syntax parser directive can be used");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void invalidEscapeIsAnError() {
        StagefarmException e = failure("# escape=x\nFROM x\n");
        assertThat(e.getMessage()).isEqualTo("invalid escape token 'x' does not match ` or \\");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void splitsAddCopyAndVolumeOnBlanksWithoutHonouringQuotes() {
        assertThat(only("COPY \"a b\" c\n").args()).containsExactly("\"a", "b\"", "c");
        assertThat(only("VOLUME /c   /d\n").args()).containsExactly("/c", "/d");
        assertThat(only("ADD [\"a b\", \"c\"]\n").args()).containsExactly("a b", "c");
    }

    @Test
    void keepsShellFormAsOneStringWithInnerWhitespace() {
        RawInstruction run = only("RUN echo  \"tab\there\"   \n");
        assertThat(run.args()).containsExactly("echo  \"tab\there\"");
        assertThat(run.json()).isFalse();
    }

    @Test
    void readsJsonForm() {
        RawInstruction cmd = only("CMD\t[\t\"a\",\t\"b\\u00e9\\/\"\t]\t\n");
        assertThat(cmd.args()).containsExactly("a", "bé/");
        assertThat(cmd.json()).isTrue();
        assertThat(only("CMD []\n").args()).isEmpty();
    }

    @Test
    void fallsBackToShellFormSilentlyOnInvalidJson() {
        assertThat(only("CMD ['echo','x']\n").args()).containsExactly("['echo','x']");
        assertThat(only("CMD [\"a\"] extra\n").args()).containsExactly("[\"a\"] extra");
        assertThat(only("CMD [\"echo\", \"no quote!]\n").args()).containsExactly("[\"echo\", \"no quote!]");
        assertThat(only("COPY [\"a\" b\n").args()).containsExactly("[\"a\"", "b");
    }

    @Test
    void jsonArrayWithANonStringIsAnError() {
        StagefarmException e = failure("FROM x\nRUN [\"a\", 1]\n");
        assertThat(e.getMessage()).isEqualTo("when using JSON array syntax, arrays must be comprised of strings only");
        assertThat(e.line()).isEqualTo(2);
        failure("CMD [\"a\", [\"b\"]]\n");
        failure("VOLUME [null]\n");
    }

    @Test
    void takesFlagsOffWithQuotesAndEscapesRemoved() {
        RawInstruction copy = only("COPY --chown=\"a b\" --from=build --x=a\\ b src dst\n");
        assertThat(copy.flags()).containsExactly("--chown=a b", "--from=build", "--x=a b");
        assertThat(copy.args()).containsExactly("src", "dst");
    }

    @Test
    void doubleDashEndsTheFlagsAndIsDropped() {
        RawInstruction copy = only("COPY --link -- --weird /dst\n");
        assertThat(copy.flags()).containsExactly("--link");
        assertThat(copy.args()).containsExactly("--weird", "/dst");
        assertThat(dump("CMD --doit -- [ ]\n")).isEqualTo("(cmd [\"--doit\"])\n");
    }

    @Test
    void splitsEnvNewFormAtTheFirstEqualsKeepingQuotes() {
        assertThat(only("ENV a=1 b=\"x y\" c=d=e\n").args())
                .containsExactly("a", "1", "=", "b", "\"x y\"", "=", "c", "d=e", "=");
        assertThat(only("LABEL d=\n").args()).containsExactly("d", "", "=");
    }

    @Test
    void readsEnvLegacyFormAsKeyAndVerbatimRest() {
        assertThat(only("ENV single value  with spaces\n").args()).containsExactly("single", "value  with spaces", "");
    }

    @Test
    void legacyEnvWithoutValueIsAnError() {
        assertThat(failure("FROM x\nENV PATH\n").getMessage()).isEqualTo("ENV must have two arguments");
        assertThat(failure("LABEL x\n").getMessage()).isEqualTo("LABEL must have two arguments");
    }

    @Test
    void newFormEnvWordWithoutEqualsIsAnError() {
        assertThat(failure("ENV a=1 b\n").getMessage())
                .isEqualTo("Syntax error - can't find = in \"b\". Must be of the form: name=value");
    }

    @Test
    void keepsArgWordsWithQuotesAndWithoutSplittingAtEquals() {
        assertThat(only("ARG A B=2 C=\"x y\" D=a\\ b\n").args()).containsExactly("A", "B=2", "C=\"x y\"", "D=a\\ b");
        assertThat(only("ARG\n").args()).isEmpty();
    }

    @Test
    void splitsHealthcheckTypeFromItsCommand() {
        RawInstruction health = only("HEALTHCHECK --timeout=3s CMD [\"foo\"]\n");
        assertThat(health.flags()).containsExactly("--timeout=3s");
        assertThat(health.args()).containsExactly("CMD", "foo");
        assertThat(health.json()).isTrue();
        assertThat(only("HEALTHCHECK NONE\n").args()).containsExactly("NONE");
        assertThat(only("HEALTHCHECK CMD curl -f  x\n").args()).containsExactly("CMD", "curl -f  x");
    }

    @Test
    void keepsSingleStringInstructionsWhole() {
        assertThat(only("MAINTAINER  a  b   \n").args()).containsExactly("a  b");
        assertThat(only("WORKDIR $HOME/x\n").args()).containsExactly("$HOME/x");
    }

    @Test
    void parsesOnbuildInstructionWithItsOwnFlags() {
        RawInstruction onbuild = only("ONBUILD COPY --from=x a b\n");
        assertThat(onbuild.args()).isEmpty();
        assertThat(onbuild.flags()).isEmpty();
        assertThat(onbuild.onbuild().keyword()).isEqualTo("COPY");
        assertThat(onbuild.onbuild().flags()).containsExactly("--from=x");
        assertThat(onbuild.onbuild().args()).containsExactly("a", "b");
        assertThat(AstDump.instruction(onbuild)).isEqualTo("onbuild (copy [\"--from=x\"] \"a\" \"b\")");
        assertThat(dump("ONBUILD\n")).isEqualTo("(onbuild)\n");
    }

    @Test
    void nestedOnbuildIsParsedButBoundedInDepth() {
        assertThat(dump("ONBUILD ONBUILD RUN x\n")).isEqualTo("(onbuild (onbuild (run \"x\")))\n");
        StagefarmException e = failure("FROM x\n" + "ONBUILD ".repeat(LineParser.MAX_ONBUILD_NESTING + 2) + "RUN x\n");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void unknownKeywordIsNotAnErrorAndHasOneEmptyArgument() {
        RawInstruction foo = only("FOO --x bar baz\n");
        assertThat(foo.args()).containsExactly("");
        assertThat(AstDump.instruction(foo)).isEqualTo("foo [\"--x\"] \"\"");
    }

    @Test
    void readsHeredocsWithContentAndLines() {
        RawDockerfile file = parse("FROM x\nRUN <<EOF bash\necho $A\nEOF\nRUN after\n");
        RawInstruction run = file.instructions().get(1);
        assertThat(run.args()).containsExactly("<<EOF bash");
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "echo $A\n"));
        assertThat(run.startLine()).isEqualTo(2);
        assertThat(run.endLine()).isEqualTo(4);
        assertThat(file.instructions().get(2).startLine()).isEqualTo(5);
    }

    @Test
    void heredocWithQuotedDelimiterDoesNotExpand() {
        assertThat(only("RUN <<'END'\n$x\nEND\n").heredocs()).containsExactly(new Heredoc("END", 0, false, false, "$x\n"));
        assertThat(only("RUN <<e\"n\"d\nx\nend\n").heredocs()).containsExactly(new Heredoc("end", 0, false, false, "x\n"));
    }

    @Test
    void chompedHeredocMatchesTerminatorAfterTabsAndKeepsTabsInContent() {
        RawInstruction copy = only("COPY <<-\"END\" 3<<X /dst/\n\tbody\n\t\tEND\nx\nX\n");
        assertThat(copy.heredocs()).containsExactly(
                new Heredoc("END", 0, false, true, "\tbody\n"),
                new Heredoc("X", 3, true, false, "x\n"));
        assertThat(copy.args()).containsExactly("<<-\"END\"", "3<<X", "/dst/");
    }

    @Test
    void heredocBodiesAreRawLines() {
        RawInstruction run = only("RUN <<EOF\n# not a comment\nline \\\n\nEOF\n");
        assertThat(run.heredocs().get(0).content()).isEqualTo("# not a comment\nline \\\n\n");
    }

    @Test
    void heredocKeepsCarriageReturnsOfItsBody() {
        assertThat(only("RUN <<EOF\r\na\r\nEOF\r\n").heredocs().get(0).content()).isEqualTo("a\r\n");
    }

    @Test
    void heredocNameMayFollowBlanks() {
        assertThat(only("RUN cat <<  EOF  > foo\nhi\nEOF\n").heredocs()).extracting(Heredoc::name).containsExactly("EOF");
    }

    @Test
    void noHeredocInJsonFormQuotesOrOtherInstructions() {
        List<RawInstruction> instructions = parse("RUN [\"<<EOF\"]\nRUN \"<<EOF\"\nUSER <<EOF\nEOF\n").instructions();
        assertThat(instructions).hasSize(4);
        assertThat(instructions).allSatisfy(i -> assertThat(i.heredocs()).isEmpty());
        assertThat(instructions.get(3).keyword()).isEqualTo("EOF");
    }

    @Test
    void heredocUnderOnbuildIsAttachedToTheOnbuildInstruction() {
        RawInstruction onbuild = only("ONBUILD RUN <<EOF\necho\nEOF\n");
        assertThat(onbuild.heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "echo\n"));
        assertThat(onbuild.endLine()).isEqualTo(3);
    }

    @Test
    void unterminatedHeredocIsAnErrorAtItsInstruction() {
        StagefarmException e = failure("FROM x\nRUN <<EOF\necho\n");
        assertThat(e.getMessage()).isEqualTo("unterminated heredoc");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void fileWithoutInstructionsIsAnError() {
        assertThat(failure("").getMessage()).isEqualTo("file with no instructions");
        assertThat(failure("# only\n\n# comments\n").line()).isEqualTo(3);
    }

    @Test
    void lineOver64KiBIsAnError() {
        String longLine = "RUN " + "x".repeat(PhysicalLines.MAX_LINE);
        StagefarmException e = failure("FROM x\n" + longLine + "\n");
        assertThat(e.getMessage()).isEqualTo("dockerfile line greater than max allowed size of 65535");
        assertThat(e.line()).isEqualTo(2);
        String justFits = "RUN " + "x".repeat(PhysicalLines.MAX_LINE - 5);
        assertThat(only(justFits + "\n").args().get(0)).hasSize(PhysicalLines.MAX_LINE - 5);
    }

    @Test
    void countsLinesAcrossCommentsBlanksAndContinuations() {
        RawDockerfile file = parse("# c\n\nFROM x\n\n# c\nENV A \\\n  b\n\nRUN a \\\n\\\n  b\n");
        assertThat(file.instructions()).extracting(RawInstruction::startLine).containsExactly(3, 6, 9);
        assertThat(file.instructions()).extracting(RawInstruction::endLine).containsExactly(3, 7, 11);
    }

    @Test
    void invalidUtf8BytesSurviveAsBytesInTheDump() {
        byte[] bytes = {'R', 'U', 'N', ' ', 'a', (byte) 0xFF, 'b', '\n'};
        RawDockerfile file = DockerfileParser.parse("Dockerfile", new ByteArrayInputStream(bytes));
        assertThat(AstDump.render(file)).isEqualTo("(run \"a\\xffb\")\n");
    }

    @Test
    void flagsKeepBuildKitByteWiseReadingOfNonAscii() {
        // BuildKit reads flags byte by byte, so each UTF-8 byte becomes one character.
        assertThat(only("COPY --chown=é a b\n").flags()).containsExactly("--chown=\u00c3\u00a9");
    }

    @Test
    void keepsTheOriginalLogicalLine() {
        assertThat(only("RUN a \\\n  b\n").original()).isEqualTo("RUN a   b");
    }
}
