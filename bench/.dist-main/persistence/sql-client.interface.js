export {};
//# sourceMappingURL=sql-client.interface.js.map