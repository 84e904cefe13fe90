/**
 * Loaded from its staged copy in .tmp/consumer/happy-dom/: every entry of the packed package,
 * imported by name through its exports map.
 */
export * as core from 'plugipay-edge';
export * as browser from 'plugipay-edge/browser';
export * as webhooks from 'plugipay-edge/webhooks';
export * as testing from 'plugipay-edge/testing';
export * as testingNode from 'plugipay-edge/testing/node';
export { runChecks } from '../shared/checks.mjs';
