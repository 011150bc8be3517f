package dev.tuneloop.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KafkaBridgeServiceTest {

    /** What an operator writes: builds the store the service feeds. */
    public static final class InMemoryStoreSupplier implements Supplier<Store> {
        @Override
        public Store get() {
            return Store.inMemory();
        }
    }

    @Test
    void theStoreComesFromTheNamedSupplier() {
        assertThat(KafkaBridgeService.supplier(InMemoryStoreSupplier.class.getName())
                        .get())
                .isNotNull();
        assertThatThrownBy(() -> KafkaBridgeService.supplier(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("store.supplier is required: the name of a class implementing Supplier<Store>");
        assertThatThrownBy(() -> KafkaBridgeService.supplier("java.lang.String"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("store.supplier must implement java.util.function.Supplier<Store>, but java.lang.String "
                        + "does not");
        assertThatThrownBy(() -> KafkaBridgeService.supplier("no.such.Class"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no.such.Class cannot be instantiated (ClassNotFoundException)");
    }

    @Test
    void kafkaSettingsArePassedWithoutTheirPrefixAndBadOnesAreRefused() {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", "localhost:1");
        p.setProperty("topics.prefix", "shop.");
        p.setProperty("erasure.window", "P3D");
        try (KafkaBridge bridge = KafkaBridgeService.configure(p, Store.inMemory())) {
            assertThat(bridge.toString()).startsWith("KafkaBridge[shop.tuneloop.interactions, shop.tuneloop.feedback");
        }
        p.setProperty("kafka.group.id", "g");
        assertThatThrownBy(() -> KafkaBridgeService.configure(p, Store.inMemory()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("kafkaConfig must not set group.id: use groupId(...)");
    }
}
