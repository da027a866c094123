/**
 * Object storage: the {@link dev.stagefarm.objectstore.ObjectStore} contract (streaming put, get,
 * stat, delete, digest-verified put and get, put-if-absent for content-addressed keys) and its
 * S3 implementation, {@link dev.stagefarm.objectstore.S3ObjectStore}, the only class of the farm
 * that talks to the storage service.
 */
package dev.stagefarm.objectstore;
