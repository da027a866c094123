package dev.stagefarm.agent.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import org.junit.jupiter.api.Test;

class UserDatabaseTest {

    private final UserDatabase db = new UserDatabase("root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n",
            "root:x:0:\nstaff:x:50:\napp:x:1001:\n");

    @Test
    void namesResolveThroughPasswdAndGroup() {
        assertThat(db.resolve("app:staff", 3)).isEqualTo(new Owner(1000, 50));
    }

    @Test
    void userWithoutGroupTakesPrimaryGroup() {
        assertThat(db.resolve("app", 3)).isEqualTo(new Owner(1000, 1001));
        assertThat(db.resolve("42", 3)).isEqualTo(new Owner(42, 42));
        assertThat(db.resolve("42:7", 3)).isEqualTo(new Owner(42, 7));
    }

    @Test
    void unknownGroupFailsWithTheLine() {
        assertThatThrownBy(() -> new UserDatabase("", "").resolve("1:wheel", 9))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_INSTRUCTION);
                    assertThat(e.line()).isEqualTo(9);
                    assertThat(e.getMessage()).contains("wheel");
                });
    }
}
