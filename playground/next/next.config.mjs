/** @type {import('next').NextConfig} */
const nextConfig = {
  // The playground runs offline and prints nothing it does not need to.
  poweredByHeader: false,
};

export default nextConfig;
