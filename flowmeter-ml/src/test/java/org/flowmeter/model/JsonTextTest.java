package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = JsonText.parse(" {\"a\": [1, -2, 3000000000, 1.5e-3, -0.25], \"s\": \"x\\\"y\\\\z\\n\\u00e9\","
                + " \"t\": true, \"f\": false, \"n\": null, \"o\": {}, \"e\": []} ");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m).containsKey("n");
        assertThat(m.get("n")).isNull();
        assertThat(m.get("a")).isEqualTo(List.of(1, -2, 3000000000L, 1.5e-3, -0.25));
        assertThat(m.get("s")).isEqualTo("x\"y\\z\né");
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.get("o")).isEqualTo(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "[1,]", "[1 2]", "{\"a\":1} x", "\"abc", "tru", "{a:1}", "\"\\q\"", "-"})
    void syntaxErrorsSayWhere(String text) {
        assertThatThrownBy(() -> JsonText.parse(text)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at character");
    }
}
