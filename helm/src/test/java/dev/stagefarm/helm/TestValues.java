package dev.stagefarm.helm;

/** Values files the tests install with: one that changes every setting the chart offers. */
final class TestValues {
    private TestValues() {
    }

    /** Every value away from its default, literals instead of Secret keys where the chart allows. */
    static final String CUSTOM = """
            imagePullSecrets:
              - name: registry-login
            kafka:
              bootstrapServers: kafka-0.kafka:9092,kafka-1.kafka:9092
              topics:
                stageJobs: sf.jobs
                stageEvents: sf.stage-events
                buildEvents: sf.build-events
                control: sf.control
              agentGroup: sf.agents
            postgresql:
              existingSecret: pg-login
              jdbcUrl: jdbc:postgresql://pg.db:5432/farm
              secretKeys:
                username: user
                password: pass
            s3:
              existingSecret: store-login
              endpoint: http://minio.store:9000
              bucket: farm-artifacts
              region: eu-west-1
              secretKeys:
                accessKey: id
                secretKey: key
            coordinator:
              image:
                repository: registry.example/stagefarm/coordinator
                tag: "1.2.3"
              port: 9090
              service:
                type: LoadBalancer
                port: 80
              spool:
                sizeLimit: 5Gi
              settings:
                stagefarm.lease.max-attempts: 5
                stagefarm.lease.heartbeat: 15s
              extraEnv:
                - name: JAVA_TOOL_OPTIONS
                  value: -Xmx1g
              resources:
                requests:
                  cpu: 500m
                  memory: 768Mi
              nodeSelector:
                pool: control
            agent:
              image:
                repository: registry.example/stagefarm/agent
                tag: "1.2.3"
              replicas: 5
              slots: 3
              labels:
                pool: gpu
                arch: amd64
              heartbeat: 7s
              shutdownGraceSeconds: 600
              shutdownMarginSeconds: 45
              instructionCache: false
              port: 9091
              workDir: /srv/stagefarm
              settings:
                quarkus.log.level: DEBUG
              tolerations:
                - key: builds
                  operator: Exists
                  effect: NoSchedule
              docker:
                image:
                  repository: mirror.example/docker
                  tag: 27-dind
                extraArgs:
                  - --registry-mirror=http://mirror:5000
                resources:
                  limits:
                    memory: 8Gi
              persistence:
                size: 200Gi
                storageClassName: fast-ssd
                retentionPolicy:
                  whenDeleted: Delete
                  whenScaled: Retain
            """;
}
