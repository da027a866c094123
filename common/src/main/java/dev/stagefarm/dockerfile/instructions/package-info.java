/**
 * Typed Dockerfile instructions: one immutable record per instruction, built from the raw
 * syntax tree by {@link dev.stagefarm.dockerfile.instructions.Instructions#of} with BuildKit's
 * flag and argument rules. Words stay as written; each record's {@code expand} applies
 * BuildKit's single-word variable expansion through a
 * {@link dev.stagefarm.dockerfile.shell.WordExpander} where BuildKit applies it.
 */
package dev.stagefarm.dockerfile.instructions;
