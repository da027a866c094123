/**
 * A build's progress as the user sees it: events roll up into an immutable
 * {@link dev.stagefarm.cli.progress.BuildSnapshot} (a pure reducer); pure views turn a snapshot
 * into lines ({@link dev.stagefarm.cli.progress.ProgressView} for a terminal,
 * {@link dev.stagefarm.cli.progress.PlainView} for logs, {@link dev.stagefarm.cli.progress.SummaryView}
 * at the end); printers own the output stream, one per {@code --progress} mode.
 */
package dev.stagefarm.cli.progress;
