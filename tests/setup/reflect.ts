// MikroORM and type-graphql read decorator metadata: load the polyfill before any test imports server code.
import 'reflect-metadata';
