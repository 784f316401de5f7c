package dev.mosaic.server.chat;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {
    private static final int MAX_CHATS_PER_AGENT = 1024;

    /**
     * Jetty's client (HTTP/1.1: the gateway answers an h2c upgrade attempt with 405): it sends a request's headers
     * and small body in one write and hands the answer's bytes to the listener on the thread that read them; the
     * JDK's client took about 0.3 ms more to a gateway's first byte (issue 12). No redirects, no cookies, no
     * content decoding (an SSE body must pass as it comes), no User-Agent of its own. A streamed answer holds its
     * connection to the end, so one gateway gets as many connections as people chat with it at once (Jetty's
     * default is 64).
     */
    @Bean(destroyMethod = "stop")
    HttpClient gatewayHttpClient(ChatProperties properties) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("chat-gateway");
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setConnectTimeout(properties.connectTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(MAX_CHATS_PER_AGENT);
        client.setUserAgentField(null);
        client.setHttpCookieStore(new HttpCookieStore.Empty()); // no cookies carried from one user's chat to another's
        client.getContentDecoderFactories().clear();
        client.start();
        return client;
    }
}
