/**
 * The commands about builds: {@code build} (docker-build-compatible flags, context upload, live
 * progress, results brought home), {@code status}, {@code logs} and {@code cancel}. Each command
 * is one class; the work of {@code build} is split into the request mapping, the context upload,
 * the session that follows the build and the exports.
 */
package dev.stagefarm.cli.build;
