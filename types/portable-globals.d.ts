/**
 * The globals that src/model/ and src/kernel/ use beyond ES2022, declared for tsconfig.model.json,
 * which type-checks those folders with lib ES2022 alone. Every runtime they run in (a browser page,
 * a worker, Node 20) provides these; nothing from the DOM or from Node is declared here, so a model
 * or kernel file that reaches for `document`, `window`, `fetch`, `process` or `Buffer` fails that
 * check. Only the members the code uses are declared (TypeScript's lib.dom.d.ts has the full
 * WebAssembly API; @types/node 20 has none of it).
 */

declare function structuredClone<T>(value: T): T;

declare namespace WebAssembly {
  type ImportValue = ExportValue | number;
  type ModuleImports = Record<string, ImportValue>;
  type Imports = Record<string, ModuleImports>;
  type ExportValue = ((...args: never[]) => unknown) | Memory;
  type Exports = Record<string, ExportValue>;

  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  const Memory: {
    prototype: Memory;
    new (descriptor: MemoryDescriptor): Memory;
  };

  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- opaque, as in lib.dom.d.ts
  interface Module {}
  const Module: {
    prototype: Module;
    new (bytes: ArrayBufferView | ArrayBuffer): Module;
  };

  interface Instance {
    readonly exports: Exports;
  }
  const Instance: {
    prototype: Instance;
    new (module: Module, importObject?: Imports): Instance;
  };

  interface WebAssemblyInstantiatedSource {
    instance: Instance;
    module: Module;
  }

  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
  function instantiate(bytes: ArrayBufferView | ArrayBuffer, importObject?: Imports): Promise<WebAssemblyInstantiatedSource>;
  function instantiate(moduleObject: Module, importObject?: Imports): Promise<Instance>;
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
}
