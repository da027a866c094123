/**
 * The failure catalogue. Every error the farm reports, from a Dockerfile typo to a lost agent,
 * is a {@link dev.stagefarm.failure.StagefarmException} with a stable
 * {@link dev.stagefarm.failure.FailureCode}, a subject and, for Dockerfile errors, a line, so
 * the CLI, the REST API and the stage events all describe it the same way.
 */
package dev.stagefarm.failure;
