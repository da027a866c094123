/**
 * The coordinator's REST API as the command line uses it: {@link dev.stagefarm.cli.api.CoordinatorClient}
 * over the JDK's HTTP client (its request and response records are shared with the coordinator, in
 * {@code dev.stagefarm.api}), the progress-event record, the server-sent-event framing and an
 * {@link dev.stagefarm.cli.api.EventFollower} that resumes a broken progress stream. Nothing here
 * prints anything.
 */
package dev.stagefarm.cli.api;
