package dev.mosaic.server.chat;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;

@Configuration
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {

    /** HTTP/1.1: the gateway answers an h2c upgrade attempt with 405. */
    @Bean
    HttpClient gatewayHttpClient(ChatProperties properties) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
