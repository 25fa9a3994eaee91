# Install rules and the Debian package (docs/operations.md, "Installing").
#
#   cmake --install build --prefix /opt/isvgraph   → bin/isvgraph, share/isvgraph/…, etc/…
#   make package                                     → build/package/isvgraph_<version>_<arch>.deb
#
# The layout is relocatable: the binary finds share/isvgraph next to its bin/ directory
# (base/include/isvgraph/base/install_layout.h), so the files need no configured paths.

include(GNUInstallDirs)

install(TARGETS isvgraph RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
set(ISVGRAPH_SHARE "${CMAKE_INSTALL_DATADIR}/isvgraph")
install(DIRECTORY riskdata/data/ DESTINATION ${ISVGRAPH_SHARE}/riskdata COMPONENT runtime)
install(DIRECTORY maps/data/ DESTINATION ${ISVGRAPH_SHARE}/mapdata COMPONENT runtime)
# The web UI is plain files; its node_modules hold test tools only (playwright-core).
install(FILES web/index.html web/app.js web/i18n.js web/style.css
        DESTINATION ${ISVGRAPH_SHARE}/web COMPONENT runtime)
install(DIRECTORY examples/ DESTINATION ${ISVGRAPH_SHARE}/examples COMPONENT runtime)
install(FILES README.md LICENSE docs/operations.md docs/user-guide.md docs/rest-api.md
              docs/methodology.md docs/translation.md docs/glossary.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
# The proxy configuration to include in an nginx server block, and the service unit. A unit
# under <prefix>/lib/systemd/system is where Debian's systemd looks for a package's units when
# the prefix is /usr.
install(FILES deploy/nginx/isvgraph-proxy.conf deploy/nginx/isvgraph-site.conf
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/nginx COMPONENT runtime)
install(FILES deploy/systemd/isvgraph.service
        DESTINATION lib/systemd/system COMPONENT runtime)

# The default configuration (deploy/etc/isvgraph.conf): /etc/isvgraph for a /usr install (the
# package), <prefix>/etc/isvgraph for any other prefix. Decided when installing, since CPack
# installs with its own prefix.
set(ISVGRAPH_DEFAULT_CONFIG "${CMAKE_SOURCE_DIR}/deploy/etc/isvgraph.conf")
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(isvgraph_etc \"/etc/isvgraph\")
  else()
    set(isvgraph_etc \"\${CMAKE_INSTALL_PREFIX}/etc/isvgraph\")
  endif()
  file(INSTALL \"${ISVGRAPH_DEFAULT_CONFIG}\" DESTINATION \"\${isvgraph_etc}\")
" COMPONENT runtime)

set(CPACK_PACKAGE_NAME "isvgraph")
set(CPACK_PACKAGE_VENDOR "isvgraph developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "supply-chain due diligence for public procurement (ISV, joint audits)")
set(CPACK_PACKAGE_DESCRIPTION
    "isvgraph models supplier chains from a public contract down to the factory, smelter,\n\
quarry, mine or farm, scores them against country, sector and product risk layers, and\n\
flags chains for the Dutch ISV contract clause and for joint audits. It serves a REST API\n\
and a web UI on loopback, to be put behind a TLS reverse proxy.")
set(CPACK_PACKAGE_CONTACT "isvgraph developers <isvgraph@localhost>")
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/package")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "web")
# Shared-library dependencies from dpkg-shlibdeps; beside them what the program reads or runs:
# iso-codes (country names), adduser (the postinst's system user).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "iso-codes, adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx")
# conffiles: dpkg keeps an administrator's edits of /etc/isvgraph/isvgraph.conf on upgrades.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/deploy/debian/postinst;${CMAKE_SOURCE_DIR}/deploy/debian/prerm;\
${CMAKE_SOURCE_DIR}/deploy/debian/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
