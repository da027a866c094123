/**
 * Variable expansion of Dockerfile words with the semantics of BuildKit's shell lexer: quotes,
 * escapes (backslash or backtick), {@code $V}, {@code ${V}} and the parameter-expansion forms
 * BuildKit supports. {@link dev.stagefarm.dockerfile.shell.ShellLex} is the lexer,
 * {@link dev.stagefarm.dockerfile.shell.VariableScope} the variables it sees, and
 * {@link dev.stagefarm.dockerfile.shell.WordExpander} the view typed instructions use.
 */
package dev.stagefarm.dockerfile.shell;
