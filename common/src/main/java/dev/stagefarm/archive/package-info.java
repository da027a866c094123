/**
 * Tar streaming for contexts and artifacts. {@link dev.stagefarm.archive.TarWriter} writes tars
 * whose bytes depend only on the headers and contents given (no clock, no user name), so the same
 * files always give the same digest; {@link dev.stagefarm.archive.TarEntryReader} reads any common
 * tar (ustar, PAX, GNU) entry by entry and refuses entries that would escape the directory they are
 * meant for; {@link dev.stagefarm.archive.SafeTarExtractor} extracts all-or-nothing on top of it.
 * Contents always stream; nothing is held whole in memory.
 */
package dev.stagefarm.archive;
