// Type declarations for the matchers that setup.js registers (toHaveResourceWithProperties, ...).
import 'cdktf/lib/testing/adapters/jest';
