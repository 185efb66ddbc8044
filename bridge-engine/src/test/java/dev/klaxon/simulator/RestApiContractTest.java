package dev.klaxon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST side of the double refuses what PagerDuty refuses, so the client's tests mean something. */
class RestApiContractTest {
    private static final String ACCEPT = "application/vnd.pagerduty+json;version=2";
    private final PagerDutySimulator pd = PagerDutySimulator.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        pd.close();
    }

    private record Answer(int status, JsonNode body) {
        int code() {
            return body.at("/error/code").asInt();
        }
    }

    private Answer call(String method, String pathAndQuery, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pd.apiUrl() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

    private Answer read(String pathAndQuery) throws Exception {
        return call("GET", pathAndQuery, null, "Authorization", "Token token=" + PagerDutySimulator.API_TOKEN,
                "Accept", ACCEPT, "Content-Type", "application/json");
    }

    private Answer write(String method, String path, String body, String from) throws Exception {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Token token=" + PagerDutySimulator.API_TOKEN,
                "Accept", ACCEPT, "Content-Type", "application/json"));
        if (from != null) {
            headers.addAll(List.of("From", from));
        }
        return call(method, path, body, headers.toArray(String[]::new));
    }

    @Test
    void refusesMissingOrMalformedAuthorization() throws Exception {
        assertThat(call("GET", "/incidents", null, "Accept", ACCEPT, "Content-Type", "application/json"))
                .satisfies(a -> assertThat(a.status()).isEqualTo(401)).satisfies(a -> assertThat(a.code())
                        .isEqualTo(2006));
        // "Bearer"/bare tokens are not the documented format for API keys.
        assertThat(call("GET", "/incidents", null, "Authorization", PagerDutySimulator.API_TOKEN, "Accept", ACCEPT,
                "Content-Type", "application/json").status()).isEqualTo(401);
    }

    @Test
    void refusesAWrongAcceptHeader() throws Exception {
        Answer answer = call("GET", "/incidents", null, "Authorization", "Token token=" + PagerDutySimulator.API_TOKEN,
                "Accept", "application/json", "Content-Type", "application/json");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/message").asText()).contains("Accept");
    }

    @Test
    void writesNeedTheFromOfAKnownUser() throws Exception {
        String id = pd.openIncident("k", "d", "s");
        String ack = "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"acknowledged\"}}";

        Answer missing = write("PUT", "/incidents/" + id, ack, null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo(2011);
        assertThat(write("PUT", "/incidents/" + id, ack, "nobody@example.com").code()).isEqualTo(1008);
        assertThat(pd.incidents().get(0).status()).isEqualTo(Incident.Status.TRIGGERED);

        assertThat(write("PUT", "/incidents/" + id, ack, PagerDutySimulator.USER_EMAIL).status()).isEqualTo(200);
        assertThat(pd.incidents().get(0).status()).isEqualTo(Incident.Status.ACKNOWLEDGED);
    }

    @Test
    void refusesBadStatusesAndPaginationBeyondTheLimits() throws Exception {
        assertThat(read("/incidents?statuses%5B%5D=open").status()).isEqualTo(400);
        assertThat(read("/incidents?limit=101").status()).isEqualTo(400);
        assertThat(read("/incidents?limit=100&offset=9901").status()).isEqualTo(400);
        assertThat(read("/incidents?limit=100&offset=9900").status()).isEqualTo(200);
        String id = pd.openIncident("k", "d", "s");
        assertThat(write("PUT", "/incidents/" + id, "{\"incident\":{\"type\":\"incident_reference\","
                + "\"status\":\"closed\"}}", PagerDutySimulator.USER_EMAIL).code()).isEqualTo(1003);
    }

    @Test
    void refusesBulkUpdatesOfMoreThan250() throws Exception {
        List<String> ids = IntStream.range(0, 251).mapToObj(i -> pd.openIncident("k", "d" + i, "s")).toList();
        String body = ids.stream().map(id -> "{\"id\":\"" + id + "\",\"type\":\"incident_reference\","
                + "\"status\":\"resolved\"}").collect(Collectors.joining(",", "{\"incidents\":[", "]}"));

        assertThat(write("PUT", "/incidents", body, PagerDutySimulator.USER_EMAIL).status()).isEqualTo(413);
        assertThat(pd.incidents()).allSatisfy(i -> assertThat(i.isOpen()).isTrue());
    }

    @Test
    void resolvingAResolvedIncidentIsCode1001() throws Exception {
        String id = pd.openIncident("k", "d", "s");
        String resolve = "{\"incident\":{\"type\":\"incident_reference\",\"status\":\"resolved\"}}";
        assertThat(write("PUT", "/incidents/" + id, resolve, PagerDutySimulator.USER_EMAIL).status()).isEqualTo(200);

        Answer again = write("PUT", "/incidents/" + id, resolve, PagerDutySimulator.USER_EMAIL);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo(1001);
    }
}
