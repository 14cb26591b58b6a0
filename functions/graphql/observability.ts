import type { ApolloServerPlugin } from '@apollo/server';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SERVICE_NAME } from '../shared/log';
import { METRIC, METRICS_NAMESPACE } from './metric-names';

export { METRIC, METRICS_NAMESPACE };
import type { GraphQLContext } from './context';

/** One Metrics per container; stored metrics are flushed as one EMF line per invocation. */
export function createMetrics(): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Records every executed operation: its name (as metadata, searchable in Logs
 * Insights: a dimension per client-chosen name would mint a custom metric per
 * name), its type, its cost and its errors by code. Never variables.
 */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation, operationName }) {
          metrics.addMetric(METRIC.operations, MetricUnit.Count, 1);
          metrics.addMetadata('operationName', operationName && OPERATION_NAME.test(operationName) ? operationName : '(anonymous)');
          metrics.addMetadata('operationType', operation?.operation ?? '(unresolved)');
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const cost = (result.extensions?.cost as { requested?: unknown } | undefined)?.requested;
          if (typeof cost === 'number') metrics.addMetric(METRIC.cost, MetricUnit.Count, cost);
          const byCode = new Map<string, number>();
          for (const error of result.errors ?? []) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
            byCode.set(code, (byCode.get(code) ?? 0) + 1);
          }
          for (const [code, count] of byCode) {
            const single = metrics.singleMetric();
            single.addDimension('code', code);
            single.addMetric(METRIC.errors, MetricUnit.Count, count);
          }
        },
      };
    },
  };
}
