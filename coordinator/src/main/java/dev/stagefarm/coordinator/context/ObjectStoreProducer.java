package dev.stagefarm.coordinator.context;

import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.objectstore.S3Config;
import dev.stagefarm.objectstore.S3ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;

/** The object store of the farm, from {@code stagefarm.s3.*}. */
@ApplicationScoped
public class ObjectStoreProducer {

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(CoordinatorConfig config) {
        CoordinatorConfig.S3 s3 = config.s3();
        return new S3ObjectStore(new S3Config(URI.create(s3.endpoint()), s3.bucket(), s3.accessKey(),
                s3.secretKey(), s3.region(), S3Config.DEFAULT_PART_SIZE));
    }
}
